import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox, SandboxAccount } from '../harness/sandbox';
import { customerById, runOnSandbox, SANDBOX_KEY, sentRequestsByPage, useSandbox } from '../harness/sandbox';

// Seeded linked accounts, read in pages of 10 transactions. Customer 0 has one account with 6
// transactions, and customer 1 has two accounts with 7 and 17. Customer 2 has one account with
// 24 (16 of them in the last month), and customer 10 has no linked account.
const getSandbox = useSandbox();

const PAGE_SIZE = 10;
const LAST_MONTH_START = Date.UTC(2026, 10, 28) - 30 * 86_400_000;

function accountsOf(sandbox: Sandbox, customerIndex: number): SandboxAccount[] {
	const customerId = sandbox.customers[customerIndex].id;
	return sandbox.accounts.filter((account) => account.customer.id === customerId);
}

/** Builds the expected output: each page in turn, and within a page each account's slice. */
function expectedItems(
	sandbox: Sandbox,
	accounts: SandboxAccount[],
	pages: number[],
	since = Number.NEGATIVE_INFINITY,
): Array<{ json: IDataObject; pairedItem: { item: number } }> {
	const items = [];
	for (const page of pages) {
		for (const account of accounts) {
			const transactions = (sandbox.transactionsByAccount.get(account.id) ?? [])
				.filter((transaction) => Date.parse(transaction.date) >= since)
				.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
			for (const transaction of transactions) {
				const json = {
					...transaction,
					account: account.id,
					account_name: account.name,
					bank: account.institution.name,
				};
				items.push({ json, pairedItem: { item: 0 } });
			}
		}
	}
	return items;
}

function transactionsRequest(customerId: string, query: Record<string, string>) {
	return {
		method: 'GET',
		path: `/v2/customers/${customerId}/transactions`,
		query,
		key: SANDBOX_KEY,
		body: undefined,
	};
}

function parameters(sandbox: Sandbox, customerIndex: number, rest: INodeParameters): INodeParameters {
	return {
		resource: 'customer',
		operation: 'getTransactions',
		customerId: customerById(sandbox.customers[customerIndex].id),
		...rest,
	};
}

describe('Get transactions', () => {
	test('fixture has expected accounts', () => {
		const sandbox = getSandbox();

		const counts = (index: number) =>
			accountsOf(sandbox, index).map((account) => sandbox.transactionsByAccount.get(account.id)?.length);
		expect(counts(0)).toEqual([6]);
		expect(counts(1)).toEqual([7, 17]);
		expect(counts(2)).toEqual([24]);
		expect(counts(10)).toEqual([]);
	});

	test('return all requests every page', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		await runOnSandbox(sandbox, { parameters: parameters(sandbox, 2, { returnAll: true }) });

		expect(sentRequestsByPage(sandbox)).toEqual([
			transactionsRequest(customerId, {}),
			transactionsRequest(customerId, { page: '2' }),
			transactionsRequest(customerId, { page: '3' }),
		]);
	});

	test('outputs one item per transaction', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters: parameters(sandbox, 2, { returnAll: true }) });

		expect(result.error).toBeUndefined();
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [1, 2, 3])]);
		expect(result.outputs[0]).toHaveLength(24);
	});

	test('attaches account name and bank', async () => {
		const sandbox = getSandbox();
		const [account] = accountsOf(sandbox, 0);

		const result = await runOnSandbox(sandbox, { parameters: parameters(sandbox, 0, { returnAll: true }) });

		const first = result.outputs[0][0].json;
		expect(first.account).toBe(account.id);
		expect(first.account_name).toBe(account.name);
		expect(first.bank).toBe(account.institution.name);
		expect(first).not.toHaveProperty('account_transaction_data');
	});

	test('return all across two accounts', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[1].id;

		const result = await runOnSandbox(sandbox, { parameters: parameters(sandbox, 1, { returnAll: true }) });

		expect(sentRequestsByPage(sandbox)).toEqual([
			transactionsRequest(customerId, {}),
			transactionsRequest(customerId, { page: '2' }),
		]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 1), [1, 2])]);
		expect(result.outputs[0]).toHaveLength(24);
	});

	test('limit below page size', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: false, limit: 5 }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([transactionsRequest(customerId, {})]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [1]).slice(0, 5)]);
	});

	test('limit equal to page size', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: false, limit: 10 }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([transactionsRequest(customerId, {})]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [1])]);
	});

	test('limit above page size', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: false, limit: 12 }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([
			transactionsRequest(customerId, {}),
			transactionsRequest(customerId, { page: '2' }),
		]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [1, 2]).slice(0, 12)]);
	});

	test('limit above total', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: false, limit: 100 }),
		});

		expect(sentRequestsByPage(sandbox)).toHaveLength(3);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [1, 2, 3])]);
	});

	test('period filter sent as query', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: true, filters: { period: 'last1months' } }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([
			transactionsRequest(customerId, { period: 'last1months' }),
			transactionsRequest(customerId, { period: 'last1months', page: '2' }),
		]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [1, 2], LAST_MONTH_START)]);
		expect(result.outputs[0]).toHaveLength(16);
	});

	test('account filter sent trimmed', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[1].id;
		const account = accountsOf(sandbox, 1)[1];

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 1, { returnAll: true, filters: { account: ` ${account.id} ` } }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([
			transactionsRequest(customerId, { account: account.id }),
			transactionsRequest(customerId, { account: account.id, page: '2' }),
		]);
		expect(result.outputs).toEqual([expectedItems(sandbox, [account], [1, 2])]);
	});

	test('blank account filter not sent', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[0].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 0, { returnAll: true, filters: { account: '   ' } }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([transactionsRequest(customerId, {})]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 0), [1])]);
	});

	test('page filter reads one page', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: true, filters: { page: 2 } }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([transactionsRequest(customerId, { page: '2' })]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [2])]);
	});

	test('page filter with limit', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[2].id;

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 2, { returnAll: false, limit: 3, filters: { page: 3 } }),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([transactionsRequest(customerId, { page: '3' })]);
		expect(result.outputs).toEqual([expectedItems(sandbox, accountsOf(sandbox, 2), [3]).slice(0, 3)]);
	});

	test('period account and page together', async () => {
		const sandbox = getSandbox();
		const customerId = sandbox.customers[1].id;
		const account = accountsOf(sandbox, 1)[1];

		const result = await runOnSandbox(sandbox, {
			parameters: parameters(sandbox, 1, {
				returnAll: true,
				filters: { period: 'last1months', account: account.id, page: 2 },
			}),
		});

		expect(sentRequestsByPage(sandbox)).toEqual([
			transactionsRequest(customerId, { period: 'last1months', account: account.id, page: '2' }),
		]);
		expect(result.outputs).toEqual([expectedItems(sandbox, [account], [2], LAST_MONTH_START)]);
	});

	test('no linked account fails item', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters: parameters(sandbox, 10, { returnAll: true }) });

		expect(result.error?.message).toContain('This customer has no linked bank account');
		expect(result.error?.message).toContain('[item 0]');
		expect(result.error?.description).toContain('Link an account first');
		expect(result.outputs).toEqual([]);
	});
});
