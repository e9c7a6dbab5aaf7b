import type { INodeParameters } from 'n8n-workflow';

import { customerById, runOnSandbox, SANDBOX_KEY, sentRequests, useSandbox } from '../harness/sandbox';

const getSandbox = useSandbox();

function updateParameters(customerId: string, updateFields: INodeParameters, options: INodeParameters = {}): INodeParameters {
	return { resource: 'customer', operation: 'update', customerId: customerById(customerId), updateFields, options };
}

describe('Update customer', () => {
	test('sends only set fields', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, {
				address: '7 Demo Crescent, Yaba, Lagos',
				phone: '+2348011112222',
			}),
		});

		expect(sentRequests(sandbox)).toEqual([
			{
				method: 'PATCH',
				path: `/v2/customers/${customer.id}`,
				query: {},
				key: SANDBOX_KEY,
				body: { address: '7 Demo Crescent, Yaba, Lagos', phone: '+2348011112222' },
			},
		]);
	});

	test('outputs what was updated', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		const result = await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, {
				address: '7 Demo Crescent, Yaba, Lagos',
				phone: '+2348011112222',
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([
			[
				{
					json: {
						id: customer.id,
						updated: true,
						fields: { address: '7 Demo Crescent, Yaba, Lagos', phone: '+2348011112222' },
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	test('changes customer in sandbox', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, { firstName: 'Chioma', lastName: 'Sampleton' }),
		});

		expect(sandbox.customers[2]).toMatchObject({ first_name: 'Chioma', last_name: 'Sampleton', name: 'Chioma Sampleton' });
		expect(sandbox.customers[2].phone).toBe(customer.phone);
	});

	test('sends identity with bvn type', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, { identityNumber: '01234567890' }),
		});

		expect(sentRequests(sandbox)[0].body).toEqual({ identity: { type: 'bvn', number: '01234567890' } });
	});

	test('sends every update field', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, {
				address: '9 Test Road, Bodija, Ibadan',
				businessName: 'Lagoon Foods Ltd',
				customerType: 'business',
				firstName: 'Chioma',
				identityNumber: '00011122233',
				lastName: 'Sampleton',
				phone: '07011112222',
			}),
		});

		expect(sentRequests(sandbox)[0].body).toEqual({
			address: '9 Test Road, Bodija, Ibadan',
			business_name: 'Lagoon Foods Ltd',
			type: 'business',
			first_name: 'Chioma',
			identity: { type: 'bvn', number: '00011122233' },
			last_name: 'Sampleton',
			phone: '07011112222',
		});
	});

	test('drops identity type without number', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, { identityNumber: '  ', address: '7 Demo Crescent, Yaba, Lagos' }),
		});

		expect(sentRequests(sandbox)[0].body).toEqual({ address: '7 Demo Crescent, Yaba, Lagos' });
	});

	test('sends customer type alone', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		const result = await runOnSandbox(sandbox, {
			parameters: updateParameters(customer.id, { customerType: 'business' }),
		});

		expect(sentRequests(sandbox)[0].body).toEqual({ type: 'business' });
		expect(result.outputs[0][0].json).toEqual({ id: customer.id, updated: true, fields: { type: 'business' } });
	});

	test('return updated customer reads back', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		await runOnSandbox(sandbox, {
			parameters: updateParameters(
				customer.id,
				{ address: '7 Demo Crescent, Yaba, Lagos' },
				{ returnCustomer: true },
			),
		});

		expect(sentRequests(sandbox)).toEqual([
			{
				method: 'PATCH',
				path: `/v2/customers/${customer.id}`,
				query: {},
				key: SANDBOX_KEY,
				body: { address: '7 Demo Crescent, Yaba, Lagos' },
			},
			{ method: 'GET', path: `/v2/customers/${customer.id}`, query: {}, key: SANDBOX_KEY, body: undefined },
		]);
	});

	test('return updated customer outputs it', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[2];

		const result = await runOnSandbox(sandbox, {
			parameters: updateParameters(
				customer.id,
				{ address: '7 Demo Crescent, Yaba, Lagos' },
				{ returnCustomer: true },
			),
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([
			[{ json: { ...customer, address: '7 Demo Crescent, Yaba, Lagos' }, pairedItem: { item: 0 } }],
		]);
	});

	test('unknown id fails item', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: updateParameters('0000000000000000000000ff', { phone: '08012345678' }),
		});

		expect(result.error?.message).toContain('Customer 0000000000000000000000ff not found');
		expect(result.error?.message).toContain('[item 0]');
	});
});
