import type { IDataObject } from 'n8n-workflow';

import { customerById, runOnSandbox, SANDBOX_KEY, sentRequests, useSandbox } from '../harness/sandbox';

const getSandbox = useSandbox();

function sortedBy<T>(list: T[], key: (entry: T) => string): T[] {
	return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

describe('Several input items', () => {
	test('get sends one request each', async () => {
		const sandbox = getSandbox();
		const ids = [0, 4, 7].map((index) => sandbox.customers[index].id);

		await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('={{ $json.id }}') },
			items: ids.map((id) => ({ id })),
		});

		const expected = ids.map((id) => ({
			method: 'GET',
			path: `/v2/customers/${id}`,
			query: {},
			key: SANDBOX_KEY,
			body: undefined,
		}));
		expect(sortedBy(sentRequests(sandbox), (request) => request.path)).toEqual(
			sortedBy(expected, (request) => request.path),
		);
	});

	test('get outputs in item order', async () => {
		const sandbox = getSandbox();
		const customers = [0, 4, 7].map((index) => sandbox.customers[index]);

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('={{ $json.id }}') },
			items: customers.map(({ id }) => ({ id })),
		});

		expect(result.outputs).toEqual([
			customers.map((json, index) => ({ json, pairedItem: { item: index } })),
		]);
	});

	test('probe follows paired items', async () => {
		const sandbox = getSandbox();
		const ids = [2, 3].map((index) => sandbox.customers[index].id);

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('={{ $json.id }}') },
			items: ids.map((id, index) => ({ id, row: index + 1 })),
			probe: "={{ $('Items').item.json.row + ':' + $json.id }}",
		});

		expect(result.probe).toEqual([{ value: `1:${ids[0]}` }, { value: `2:${ids[1]}` }]);
	});

	test('create maps each item body', async () => {
		const sandbox = getSandbox();
		const items = [
			{ email: 'ada.obi@example.com', first: 'Ada', last: 'Obi', phone: '08011111111', bvn: '00011111111' },
			{ email: 'kemi.ojo@example.com', first: 'Kemi', last: 'Ojo', phone: '+2348022222222', bvn: '00022222222' },
		];

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'create',
				customerType: 'individual',
				email: '={{ $json.email }}',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				address: '12 Sample Street, Ikeja, Lagos',
				phone: '={{ $json.phone }}',
				identityType: 'bvn',
				identityNumber: '={{ $json.bvn }}',
			},
			items,
		});

		const bodies = sortedBy(
			sentRequests(sandbox).map((request) => request.body as IDataObject),
			(body) => body.email as string,
		);
		expect(bodies).toEqual(
			items.map((item) => ({
				type: 'individual',
				email: item.email,
				first_name: item.first,
				last_name: item.last,
				address: '12 Sample Street, Ikeja, Lagos',
				phone: item.phone,
				identity: { type: 'bvn', number: item.bvn },
			})),
		);
		expect(result.outputs[0].map((item) => [item.json.email, item.pairedItem])).toEqual([
			['ada.obi@example.com', { item: 0 }],
			['kemi.ojo@example.com', { item: 1 }],
		]);
	});

	test('update maps each item', async () => {
		const sandbox = getSandbox();
		const ids = [1, 2].map((index) => sandbox.customers[index].id);

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: customerById('={{ $json.id }}'),
				updateFields: { phone: '={{ $json.phone }}' },
			},
			items: [
				{ id: ids[0], phone: '07011111111' },
				{ id: ids[1], phone: '07022222222' },
			],
		});

		expect(sortedBy(sentRequests(sandbox), (request) => request.path)).toEqual(
			sortedBy(
				[
					{ method: 'PATCH', path: `/v2/customers/${ids[0]}`, query: {}, key: SANDBOX_KEY, body: { phone: '07011111111' } },
					{ method: 'PATCH', path: `/v2/customers/${ids[1]}`, query: {}, key: SANDBOX_KEY, body: { phone: '07022222222' } },
				],
				(request) => request.path,
			),
		);
		expect(result.outputs).toEqual([
			[
				{ json: { id: ids[0], updated: true, fields: { phone: '07011111111' } }, pairedItem: { item: 0 } },
				{ json: { id: ids[1], updated: true, fields: { phone: '07022222222' } }, pairedItem: { item: 1 } },
			],
		]);
	});

	test('delete outputs one per item', async () => {
		const sandbox = getSandbox();
		const ids = [5, 6].map((index) => sandbox.customers[index].id);

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'delete', customerId: customerById('={{ $json.id }}') },
			items: ids.map((id) => ({ id })),
		});

		expect(result.outputs).toEqual([
			ids.map((id, index) => ({ json: { deleted: true, id }, pairedItem: { item: index } })),
		]);
		expect(sandbox.customers).toHaveLength(22);
	});

	test('get many lists per item', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: '={{ $json.count }}' },
			items: [{ count: 2 }, { count: 1 }],
		});

		expect(sentRequests(sandbox).map(({ path, query }) => ({ path, query }))).toEqual([
			{ path: '/v2/customers', query: {} },
			{ path: '/v2/customers', query: {} },
		]);
		expect(result.outputs).toEqual([
			[
				{ json: sandbox.customers[0], pairedItem: { item: 0 } },
				{ json: sandbox.customers[1], pairedItem: { item: 0 } },
				{ json: sandbox.customers[0], pairedItem: { item: 1 } },
			],
		]);
	});

	test('transactions paired per item', async () => {
		const sandbox = getSandbox();
		const ids = [0, 7].map((index) => sandbox.customers[index].id);

		const result = await runOnSandbox(sandbox, {
			parameters: {
				resource: 'customer',
				operation: 'getTransactions',
				customerId: customerById('={{ $json.id }}'),
				returnAll: false,
				limit: 2,
			},
			items: ids.map((id) => ({ id })),
		});

		const accountOf = (index: number) =>
			sandbox.accounts.find((account) => account.customer.id === ids[index])?.id;
		expect(result.outputs[0].map((item) => [item.json.account, item.pairedItem])).toEqual([
			[accountOf(0), { item: 0 }],
			[accountOf(0), { item: 0 }],
			[accountOf(1), { item: 1 }],
			[accountOf(1), { item: 1 }],
		]);
	});

	test('unknown id fails only its item', async () => {
		const sandbox = getSandbox();
		const ids = [sandbox.customers[0].id, '0000000000000000000000ff', sandbox.customers[1].id];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('={{ $json.id }}') },
			items: ids.map((id) => ({ id })),
			onError: 'continueErrorOutput',
		});

		expect(result.outputs[0]).toEqual([
			{ json: sandbox.customers[0], pairedItem: { item: 0 } },
			{ json: sandbox.customers[1], pairedItem: { item: 2 } },
		]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
		expect(result.outputs[1][0].json.error).toContain('Customer 0000000000000000000000ff not found');
		expect(result.outputs[1][0].json.error).toContain('[item 1]');
	});

	test('regular output keeps error item', async () => {
		const sandbox = getSandbox();
		const ids = [sandbox.customers[0].id, '   '];

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'get', customerId: customerById('={{ $json.id }}') },
			items: ids.map((id) => ({ id })),
			onError: 'continueRegularOutput',
		});

		expect(result.outputs[0]).toHaveLength(2);
		expect(result.outputs[0][0]).toEqual({ json: sandbox.customers[0], pairedItem: { item: 0 } });
		expect(result.outputs[0][1].pairedItem).toEqual({ item: 1 });
		expect(result.outputs[0][1].json.error).toBe('Missing Customer ID [item 1]');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});
});
