import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../harness/sandbox';
import { runOnSandbox, SANDBOX_KEY, sentRequestsByPage, useSandbox } from '../harness/sandbox';

// The 10 seeded linked accounts in pages of 4: pages 1 and 2 are full, page 3 has 2.
// Customer 1 owns accounts 1 and 2 (page 1), and customer 4 owns accounts 5 and 6 (page 2).
const getSandbox = useSandbox({ pageSize: 4 });

function pageRequest(page: number) {
	return {
		method: 'GET',
		path: '/v2/accounts',
		query: page === 1 ? {} : { page: String(page) },
		key: SANDBOX_KEY,
		body: undefined,
	};
}

function items(accounts: IDataObject[]) {
	return accounts.map((json) => ({ json, pairedItem: { item: 0 } }));
}

function ownedBy(sandbox: Sandbox, customerIndex: number): IDataObject[] {
	const customerId = sandbox.customers[customerIndex].id;
	return sandbox.accounts.filter((account) => account.customer.id === customerId);
}

describe('Get linked accounts', () => {
	test('fixture has expected owners', () => {
		const sandbox = getSandbox();

		expect(sandbox.accounts).toHaveLength(10);
		expect(ownedBy(sandbox, 1)).toEqual([sandbox.accounts[1], sandbox.accounts[2]]);
		expect(ownedBy(sandbox, 4)).toEqual([sandbox.accounts[5], sandbox.accounts[6]]);
	});

	test('return all requests every page', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: true },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2), pageRequest(3)]);
	});

	test('return all outputs every account', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([items(sandbox.accounts)]);
	});

	test('limit below page size', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: false, limit: 3 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([items(sandbox.accounts.slice(0, 3))]);
	});

	test('limit equal to page size', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: false, limit: 4 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([items(sandbox.accounts.slice(0, 4))]);
	});

	test('limit above page size', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: false, limit: 6 },
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2)]);
		expect(result.outputs).toEqual([items(sandbox.accounts.slice(0, 6))]);
	});

	test('customer filter keeps its accounts', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: true,
				filters: { customerId: sandbox.customers[4].id },
			},
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1), pageRequest(2), pageRequest(3)]);
		expect(result.outputs).toEqual([items(ownedBy(sandbox, 4))]);
	});

	test('customer filter id trimmed', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: true,
				filters: { customerId: `  ${sandbox.customers[1].id} ` },
			},
		});

		expect(result.outputs).toEqual([items(ownedBy(sandbox, 1))]);
	});

	test('customer filter sends no query', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: true,
				filters: { customerId: sandbox.customers[1].id },
			},
		});

		for (const request of sentRequestsByPage(sandbox)) {
			expect(request.query).not.toHaveProperty('customerId');
			expect(request.query).not.toHaveProperty('customer');
		}
	});

	test('customer filter with limit', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: false,
				limit: 1,
				filters: { customerId: sandbox.customers[1].id },
			},
		});

		expect(sentRequestsByPage(sandbox)).toEqual([pageRequest(1)]);
		expect(result.outputs).toEqual([items([sandbox.accounts[1]])]);
	});

	test('customer filter on later page', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: false,
				limit: 2,
				filters: { customerId: sandbox.customers[4].id },
			},
		});

		expect(result.outputs).toEqual([items(ownedBy(sandbox, 4))]);
	});

	test('customer without accounts outputs nothing', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: true,
				filters: { customerId: sandbox.customers[10].id },
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([[]]);
	});
});
