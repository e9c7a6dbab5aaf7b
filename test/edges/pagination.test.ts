import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	byId,
	errorOf,
	jsonOf,
	requestLines,
	runAgainst,
	transactionsInPageOrder,
	useSandbox,
	waitForQuiet,
} from './helpers';

const PAGE_SIZE = 5;
const sandbox = useSandbox({ pageSize: PAGE_SIZE });

const getAll = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'customer',
	operation: 'getAll',
	...fields,
});

/** The request line of page N of GET /v2/customers. */
const customersPage = (page: number) => (page === 1 ? 'GET /v2/customers' : `GET /v2/customers?page=${page}`);

/** Returns the sandbox's request lines in page order, once its requests have stopped arriving. */
async function settledLines(): Promise<string[]> {
	await waitForQuiet(sandbox());
	const pageOf = (line: string) => Number(/page=(\d+)/.exec(line)?.[1] ?? 1);
	return requestLines(sandbox()).sort((a, b) => pageOf(a) - pageOf(b));
}

describe('page failing after retries', () => {
	test('fails item and names page', async () => {
		// Page 1 is the first call and every later call fails. Limit 10 needs pages 1 and 2 only.
		sandbox().setFaults({ rules: [{ kind: 'status', status: 503, retryAfter: 0, calls: [2, 3, 4] }] });

		const result = await runAgainst(sandbox(), {
			parameters: getAll({ returnAll: false, limit: 10, options: { maxRetries: 1 } }),
		});

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono server error (Mono 503: "Service temporarily unavailable") on page 2 of 5 [item 0]',
		);
		expect(error.description).toMatch(/after 1 retry\b/);
		expect(result.outputs).toEqual([]);
		expect(await settledLines()).toEqual([customersPage(1), customersPage(2), customersPage(2)]);
	});

	test('Return All outputs no partial list', async () => {
		// Every page after the first fails, each on its first try and its one retry.
		sandbox().setFaults({
			rules: [{ kind: 'status', status: 503, retryAfter: 0, calls: Array.from({ length: 20 }, (_, i) => i + 2) }],
		});

		const result = await runAgainst(sandbox(), {
			parameters: getAll({ returnAll: true, options: { maxRetries: 1 } }),
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([
			{
				error: 'Mono server error (Mono 503: "Service temporarily unavailable") on page 2 of 5 [item 0]',
				message: expect.stringMatching(/temporary problem/),
			},
		]);
		// Pages 2 to 5 are fetched at once, so the later ones may also have been sent and retried.
		const lines = await settledLines();
		expect(lines.slice(0, 3)).toEqual([customersPage(1), customersPage(2), customersPage(2)]);
		expect(lines.length).toBeLessThanOrEqual(9);
	});

	test('transactions page failure names page', async () => {
		const customerId = String(sandbox().customers[1].id);
		sandbox().setFaults({
			rules: [{ kind: 'status', status: 504, retryAfter: 0, path: '/v2/customers/:id/transactions', calls: [2, 3] }],
		});

		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'getTransactions',
				customerId: byId(customerId),
				returnAll: false,
				limit: 2 * PAGE_SIZE + 1,
				options: { maxRetries: 1 },
			},
		});

		const error = errorOf(result);
		expect(error.message).toMatch(/^Mono server error \(Mono 504: "Gateway timeout"\) on page 2 of \d+ \[item 0\]$/);
		expect(result.outputs).toEqual([]);
		const path = `/v2/customers/${customerId}/transactions`;
		expect(await settledLines()).toEqual([`GET ${path}`, `GET ${path}?page=2`, `GET ${path}?page=2`]);
	});
});

describe('next guards', () => {
	test('repeating next stops at once', async () => {
		sandbox().setFaults({ nextMode: 'repeat' });

		const result = await runAgainst(sandbox(), { parameters: getAll({ returnAll: true }) });

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono sent an unexpected response: page 1 links back to page 1 as its next page, which would loop on page 1 [item 0]',
		);
		expect(result.outputs).toEqual([]);
		expect(await settledLines()).toEqual([customersPage(1)]);
	});

	test('next going back stops', async () => {
		sandbox().setFaults({ nextMode: 'back' });

		const result = await runAgainst(sandbox(), { parameters: getAll({ returnAll: true }) });

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono sent an unexpected response: page 2 links back to page 1 as its next page, which would loop on page 2 [item 0]',
		);
		expect(result.outputs).toEqual([]);
		// Once page 1 reports 5 pages, pages 2 to 5 are fetched at once, and none twice.
		expect(await settledLines()).toEqual([1, 2, 3, 4, 5].map(customersPage));
	});

	test('next past meta.pages stops', async () => {
		sandbox().setFaults({ nextMode: 'endless' });

		const result = await runAgainst(sandbox(), { parameters: getAll({ returnAll: true }) });

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono sent an unexpected response: page 5 links to page 6, past the 5 pages in meta.pages on page 5 [item 0]',
		);
		expect(result.outputs).toEqual([]);
		expect(await settledLines()).toEqual([1, 2, 3, 4, 5].map(customersPage));
	});

	test('endless next on linked accounts stops', async () => {
		sandbox().setFaults({ nextMode: 'endless' });

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: true },
			onError: 'continueErrorOutput',
		});

		expect(result.outputs[0]).toEqual([]);
		expect(jsonOf(result.outputs[1])).toEqual([
			{
				error: 'Mono sent an unexpected response: page 2 links to page 3, past the 2 pages in meta.pages on page 2 [item 0]',
				message: expect.stringMatching(/Nothing was output/),
			},
		]);
		expect(await settledLines()).toEqual(['GET /v2/accounts', 'GET /v2/accounts?page=2']);
	});

	test('repeating next on transactions stops', async () => {
		sandbox().setFaults({ nextMode: 'repeat' });
		const customerId = String(sandbox().customers[0].id);

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getTransactions', customerId: byId(customerId), returnAll: true },
		});

		expect(errorOf(result).message).toBe(
			'Mono sent an unexpected response: page 1 links back to page 1 as its next page, which would loop on page 1 [item 0]',
		);
		expect(await settledLines()).toEqual([`GET /v2/customers/${customerId}/transactions`]);
	});
});

describe('Limit is exact', () => {
	test.each([
		[1, [1]],
		[5, [1]],
		[7, [1, 2]],
		[10, [1, 2]],
		[23, [1, 2, 3, 4, 5]],
		[24, [1, 2, 3, 4, 5]],
		[500, [1, 2, 3, 4, 5]],
	])('Get Many with Limit %i', async (limit, pages) => {
		const result = await runAgainst(sandbox(), { parameters: getAll({ returnAll: false, limit }) });

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual(sandbox().customers.slice(0, limit));
		expect(await settledLines()).toEqual(pages.map(customersPage));
	});

	test('Get Many with Return All', async () => {
		const result = await runAgainst(sandbox(), { parameters: getAll({ returnAll: true }) });

		expect(jsonOf(result.outputs[0])).toEqual(sandbox().customers);
		expect(await settledLines()).toEqual([1, 2, 3, 4, 5].map(customersPage));
	});

	test.each([1, 4, 6, 10, 50])('Get Linked Accounts with Limit %i', async (limit) => {
		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: false, limit },
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual(sandbox().accounts.slice(0, limit));
	});

	test.each([1, 2])('Get Linked Accounts filtered with Limit %i', async (limit) => {
		// The second seeded customer has two linked accounts.
		const customerId = String(sandbox().customers[1].id);
		const accounts = sandbox().accounts.filter((account) => (account.customer as IDataObject).id === customerId);
		expect(accounts).toHaveLength(2);

		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: false,
				limit,
				filters: { customerId },
			},
		});

		expect(jsonOf(result.outputs[0])).toEqual(accounts.slice(0, limit));
	});

	test.each([1, 5, 7, 12, 1000])('Get Transactions with Limit %i', async (limit) => {
		const customerId = String(sandbox().customers[1].id);
		const all = transactionsInPageOrder(sandbox(), customerId, PAGE_SIZE);

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getTransactions', customerId: byId(customerId), returnAll: false, limit },
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual(all.slice(0, limit));
	});

	test('Get Transactions with Return All', async () => {
		const customerId = String(sandbox().customers[1].id);

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getTransactions', customerId: byId(customerId), returnAll: true },
		});

		expect(jsonOf(result.outputs[0])).toEqual(transactionsInPageOrder(sandbox(), customerId, PAGE_SIZE));
	});

	test('Get Transactions of one page with Limit', async () => {
		const customerId = String(sandbox().customers[1].id);
		const pageTwo = transactionsInPageOrder(sandbox(), customerId, PAGE_SIZE).filter((transaction) => {
			const list = sandbox().transactionsByAccount.get(String(transaction.account)) ?? [];
			const position = list.findIndex((entry) => entry.id === transaction.id);
			return position >= PAGE_SIZE && position < 2 * PAGE_SIZE;
		});

		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'getTransactions',
				customerId: byId(customerId),
				returnAll: false,
				limit: 3,
				filters: { page: 2 },
			},
		});

		expect(jsonOf(result.outputs[0])).toEqual(pageTwo.slice(0, 3));
		expect(requestLines(sandbox())).toEqual([`GET /v2/customers/${customerId}/transactions?page=2`]);
	});
});
