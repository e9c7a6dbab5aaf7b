import type { Sandbox } from '../harness/sandbox';
import { runOnSandbox, SANDBOX_KEY, sentRequestsByPage, useSandbox } from '../harness/sandbox';

// 24 seeded customers in pages of 10: pages 1 and 2 are full, page 3 has 4.
const getSandbox = useSandbox();

function pageRequest(page: number) {
	return {
		method: 'GET',
		path: '/v2/customers',
		query: page === 1 ? {} : { page: String(page) },
		key: SANDBOX_KEY,
		body: undefined,
	};
}

function expectedItems(sandbox: Sandbox, count: number) {
	return sandbox.customers.slice(0, count).map((json) => ({ json, pairedItem: { item: 0 } }));
}

describe('Get many customers', () => {
	test('return all requests every page', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, { parameters: { resource: 'customer', operation: 'getAll', returnAll: true } });

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2), pageRequest(3)]);
	});

	test('return all outputs every customer', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([expectedItems(sandbox, 24)]);
	});

	test('return all on one page', async () => {
		const sandbox = getSandbox();
		sandbox.setFaults({ pageSize: 30 });

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 24)]);
	});

	test('limit below page size', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 3)]);
	});

	test('limit equal to page size', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 10 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 10)]);
	});

	test('limit above page size', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 15 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 15)]);
	});

	test('limit of two pages', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 20 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 20)]);
	});

	test('limit above total', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 50 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2), pageRequest(3)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 24)]);
	});

	test('default limit is fifty', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters: { resource: 'customer', operation: 'getAll' } });

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2), pageRequest(3)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 24)]);
	});

	test('limit with small pages', async () => {
		const sandbox = getSandbox();
		sandbox.setFaults({ pageSize: 3 });

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 7 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2), pageRequest(3)]);
		expect(result.outputs).toEqual([expectedItems(sandbox, 7)]);
	});

	test('empty list outputs nothing', async () => {
		const sandbox = getSandbox();
		sandbox.customers = [];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([[]]);
	});
});
