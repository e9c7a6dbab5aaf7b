import { customerById, runOnSandbox, SANDBOX_KEY, sentRequests, useSandbox } from '../harness/sandbox';

const getSandbox = useSandbox();

describe('Get customer', () => {
	test('sends GET by id', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[3];

		await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById(customer.id) },
		});

		expect(sentRequests(sandbox)).toEqual([
			{ method: 'GET', path: `/v2/customers/${customer.id}`, query: {}, key: SANDBOX_KEY, body: undefined },
		]);
	});

	test('outputs individual customer unwrapped', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[3];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById(customer.id) },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([[{ json: customer, pairedItem: { item: 0 } }]]);
	});

	test('outputs business customer unwrapped', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[4];
		expect(customer.type).toBe('business');

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById(customer.id) },
		});

		expect(result.outputs).toEqual([[{ json: customer, pairedItem: { item: 0 } }]]);
	});

	test('trims spaces around id', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[0];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById(`  ${customer.id}\t`) },
		});

		expect(sentRequests(sandbox).map((request) => request.path)).toEqual([`/v2/customers/${customer.id}`]);
		expect(result.outputs[0][0].json).toEqual(customer);
	});

	test('list mode sends picked id', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[1];

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'get',
				customerId: { __rl: true, mode: 'list', value: customer.id, cachedResultName: customer.name },
			},
		});

		expect(sentRequests(sandbox).map((request) => request.path)).toEqual([`/v2/customers/${customer.id}`]);
		expect(result.outputs[0][0].json).toEqual(customer);
	});

	test('encodes id into one path segment', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('abc/../../v2/accounts') },
		});

		expect(sentRequests(sandbox).map((request) => request.path)).toEqual([
			'/v2/customers/abc%2F..%2F..%2Fv2%2Faccounts',
		]);
	});

	test('unknown id names the customer', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('0000000000000000000000ff') },
		});

		expect(result.error?.message).toContain('Customer 0000000000000000000000ff not found');
		expect(result.error?.message).toContain('Invalid Customer Id, could not fetch customer');
		expect(result.error?.message).toContain('[item 0]');
		expect(result.error?.description).toContain('Check the Customer ID');
		expect(result.outputs).toEqual([]);
	});
});
