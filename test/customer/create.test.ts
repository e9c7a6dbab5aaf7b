import { runOnSandbox, SANDBOX_KEY, sentRequests, useSandbox } from '../harness/sandbox';

const getSandbox = useSandbox();

const individualParameters = {
	resource: 'customer',
	operation: 'create',
	customerType: 'individual',
	email: 'ada.obi@example.com',
	firstName: 'Ada',
	lastName: 'Obi',
	address: '12 Sample Street, Ikeja, Lagos',
	phone: '08012345678',
	identityType: 'bvn',
	identityNumber: '00012345678',
};

const businessParameters = {
	resource: 'customer',
	operation: 'create',
	customerType: 'business',
	email: 'accounts@harbour.example.com',
	businessName: 'Harbour Ventures Ltd',
	address: '4 Example Close, Wuse, Abuja',
	phone: '+2348098765432',
	identityNumber: '00087654321',
};

describe('Create individual', () => {
	test('sends exact individual body', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, { parameters: individualParameters });

		expect(sentRequests(sandbox)).toEqual([
			{
				method: 'POST',
				path: '/v2/customers',
				query: {},
				key: SANDBOX_KEY,
				body: {
					type: 'individual',
					email: 'ada.obi@example.com',
					first_name: 'Ada',
					last_name: 'Obi',
					address: '12 Sample Street, Ikeja, Lagos',
					phone: '08012345678',
					identity: { type: 'bvn', number: '00012345678' },
				},
			},
		]);
	});

	test('outputs created customer unwrapped', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters: individualParameters });

		const created = sandbox.customers[sandbox.customers.length - 1];
		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([
			[
				{
					json: {
						id: created.id,
						name: 'Ada Obi',
						first_name: 'Ada',
						last_name: 'Obi',
						email: 'ada.obi@example.com',
						phone: '08012345678',
						address: '12 Sample Street, Ikeja, Lagos',
						identification_no: '00012345678',
						identification_type: 'bvn',
						bvn: '00012345678',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
		expect(created.id).toMatch(/^[0-9a-f]{24}$/);
	});

	test('never sends business fields', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: { ...individualParameters, businessName: 'Hidden Business Ltd' },
		});

		const [request] = sentRequests(sandbox);
		expect(request.body).not.toHaveProperty('business_name');
		expect(JSON.stringify(request.body)).not.toContain('Hidden Business Ltd');
	});

	test('keeps leading plus and zero', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: {
				...individualParameters,
				phone: '={{ $json.phone }}',
				identityNumber: '={{ $json.bvn }}',
			},
			items: [{ phone: '+2348012345678', bvn: '01234567890' }],
		});

		const [request] = sentRequests(sandbox);
		expect(request.body).toMatchObject({ phone: '+2348012345678' });
		expect(request.body).toMatchObject({ identity: { type: 'bvn', number: '01234567890' } });
	});

	test('sends numeric bvn as string', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: { ...individualParameters, identityNumber: '={{ $json.bvn }}' },
			items: [{ bvn: 22212345678 }],
		});

		expect(sentRequests(sandbox)[0].body).toMatchObject({ identity: { type: 'bvn', number: '22212345678' } });
	});

	test('keeps local phone format', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { ...individualParameters, phone: '={{ $json.phone }}' },
			items: [{ phone: '07000000001' }],
		});

		expect(sentRequests(sandbox)[0].body).toMatchObject({ phone: '07000000001' });
		expect(result.outputs[0][0].json.phone).toBe('07000000001');
	});
});

describe('Create business', () => {
	test('sends exact business body', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, { parameters: businessParameters });

		expect(sentRequests(sandbox)).toEqual([
			{
				method: 'POST',
				path: '/v2/customers',
				query: {},
				key: SANDBOX_KEY,
				body: {
					type: 'business',
					email: 'accounts@harbour.example.com',
					business_name: 'Harbour Ventures Ltd',
					address: '4 Example Close, Wuse, Abuja',
					phone: '+2348098765432',
					identity: { type: 'bvn', number: '00087654321' },
				},
			},
		]);
	});

	test('outputs created business unwrapped', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters: businessParameters });

		const created = sandbox.customers[sandbox.customers.length - 1];
		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([
			[
				{
					json: {
						id: created.id,
						type: 'business',
						business_name: 'Harbour Ventures Ltd',
						email: 'accounts@harbour.example.com',
						phone: '+2348098765432',
						address: '4 Example Close, Wuse, Abuja',
						identification_no: '00087654321',
						identification_type: 'bvn',
						bvn: '00087654321',
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	test('never sends individual fields', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: { ...businessParameters, firstName: 'Hidden', lastName: 'Person', identityType: 'bvn' },
		});

		const [request] = sentRequests(sandbox);
		expect(request.body).not.toHaveProperty('first_name');
		expect(request.body).not.toHaveProperty('last_name');
		expect(JSON.stringify(request.body)).not.toContain('Hidden');
		expect(JSON.stringify(request.body)).not.toContain('Person');
	});
});

describe('Create existing customer', () => {
	test('duplicate email fails item', async () => {
		const sandbox = getSandbox();
		const existing = sandbox.customers[0];

		const result = await runOnSandbox(sandbox, {
			parameters: { ...individualParameters, email: existing.email },
		});

		expect(result.error?.message).toContain('Customer already exists');
		expect(result.error?.message).toContain('[item 0]');
		expect(result.error?.description).toContain('If Customer Exists');
		expect(sandbox.customers).toHaveLength(24);
	});

	test('return existing outputs that customer', async () => {
		const sandbox = getSandbox();
		const existing = sandbox.customers[0];

		const result = await runOnSandbox(sandbox, {
			parameters: {
				...individualParameters,
				email: existing.email,
				options: { ifCustomerExists: 'returnExisting' },
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([[{ json: { ...existing, existing: true }, pairedItem: { item: 0 } }]]);
		expect(sentRequests(sandbox).map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{ method: 'POST', path: '/v2/customers', query: {} },
			{ method: 'GET', path: '/v2/customers', query: {} },
		]);
	});

	test('return existing marks new customer', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { ...individualParameters, options: { ifCustomerExists: 'returnExisting' } },
		});

		expect(result.outputs[0]).toHaveLength(1);
		expect(result.outputs[0][0].json.existing).toBe(false);
		expect(result.outputs[0][0].json.email).toBe('ada.obi@example.com');
	});
});
