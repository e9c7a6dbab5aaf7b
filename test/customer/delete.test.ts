import { customerById, runOnSandbox, SANDBOX_KEY, sentRequests, useSandbox } from '../harness/sandbox';

const getSandbox = useSandbox();

describe('Delete customer', () => {
	test('sends DELETE without body', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[5];

		await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'delete', customerId: customerById(customer.id) },
		});

		expect(sentRequests(sandbox)).toEqual([
			{ method: 'DELETE', path: `/v2/customers/${customer.id}`, query: {}, key: SANDBOX_KEY, body: undefined },
		]);
	});

	test('outputs deleted flag and id', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[5];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'delete', customerId: customerById(customer.id) },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([[{ json: { deleted: true, id: customer.id }, pairedItem: { item: 0 } }]]);
	});

	test('removes customer from sandbox', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[5];

		await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'delete', customerId: customerById(customer.id) },
		});

		expect(sandbox.customers).toHaveLength(23);
		expect(sandbox.customers.map((stored) => stored.id)).not.toContain(customer.id);
	});

	test('outputs trimmed id', async () => {
		const sandbox = getSandbox();
		const customer = sandbox.customers[5];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'delete', customerId: customerById(` ${customer.id} `) },
		});

		expect(sentRequests(sandbox).map((request) => request.path)).toEqual([`/v2/customers/${customer.id}`]);
		expect(result.outputs[0][0].json).toEqual({ deleted: true, id: customer.id });
	});

	test('unknown id fails item', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'delete', customerId: customerById('0000000000000000000000ff') },
		});

		expect(result.error?.message).toContain('Customer 0000000000000000000000ff not found');
		expect(result.error?.message).toContain('[item 0]');
		expect(sandbox.customers).toHaveLength(24);
	});
});
