import {
	byId,
	createBody,
	createParameters,
	jsonOf,
	pairedIndexesOf,
	requestLines,
	runAgainst,
	transactionsInPageOrder,
	useSandbox,
} from './helpers';

const sandbox = useSandbox({ pageSize: 5 });

const UNKNOWN_ID = 'ffffffffffffffffffffffff';
const NOT_FOUND_MESSAGE = (itemIndex: number) =>
	`Customer ${UNKNOWN_ID} not found (Mono 400: "Invalid Customer Id, could not fetch customer") [item ${itemIndex}]`;

/** Items for Get: the first and third name a seeded customer, the second an unknown id. */
function mixedItems() {
	const first = sandbox().customers[0];
	const third = sandbox().customers[3];
	return [
		{ tag: 'a', id: String(first.id) },
		{ tag: 'b', id: UNKNOWN_ID },
		{ tag: 'c', id: String(third.id) },
	];
}

const getParameters = { resource: 'customer', operation: 'get', customerId: byId('={{ $json.id }}') };

describe('continue on fail', () => {
	test('regular output keeps order and pairing', async () => {
		const items = mixedItems();

		const result = await runAgainst(sandbox(), {
			parameters: getParameters,
			items,
			onError: 'continueRegularOutput',
			probe: "={{ $('Items').item.json.tag + ' ' + ($('Mono').item.json.id ?? $('Mono').item.json.error) }}",
		});

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(jsonOf(result.outputs[0])).toEqual([
			sandbox().customers[0],
			{
				error: NOT_FOUND_MESSAGE(1),
				message: expect.stringMatching(/Check the Customer ID/),
			},
			sandbox().customers[3],
		]);
		expect(pairedIndexesOf(result.outputs[0])).toEqual([0, 1, 2]);
		expect(result.probe).toEqual([
			{ value: `a ${items[0].id}` },
			{ value: `b ${NOT_FOUND_MESSAGE(1)}` },
			{ value: `c ${items[2].id}` },
		]);
		expect(requestLines(sandbox())).toEqual(items.map((item) => `GET /v2/customers/${item.id}`));
	});

	test('error output gets failed items', async () => {
		const items = mixedItems();

		const result = await runAgainst(sandbox(), {
			parameters: getParameters,
			items,
			onError: 'continueErrorOutput',
			probe: "={{ $('Items').item.json.tag + ' ' + $('Mono').item.json.id }}",
			errorProbe: "={{ $('Items').item.json.tag + ' ' + $('Mono').item.json.error.match(/Mono (\\d+)/)[1] }}",
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([sandbox().customers[0], sandbox().customers[3]]);
		expect(pairedIndexesOf(result.outputs[0])).toEqual([0, 2]);
		// n8n merges the input item's fields into an item on the error output.
		expect(jsonOf(result.outputs[1])).toEqual([
			{
				...items[1],
				error: NOT_FOUND_MESSAGE(1),
				message: expect.stringMatching(/Check the Customer ID/),
			},
		]);
		expect(pairedIndexesOf(result.outputs[1])).toEqual([1]);
		expect(result.probe).toEqual([{ value: `a ${items[0].id}` }, { value: `c ${items[2].id}` }]);
		expect(result.errorProbe).toEqual([{ value: 'b 400' }]);
	});

	test.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'list items paired after partial failure (%s)',
		async (onError) => {
			// The first two seeded customers have linked accounts, and the second has two.
			const [withOne, withTwo] = sandbox().customers;
			const items = [{ id: String(withTwo.id) }, { id: UNKNOWN_ID }, { id: String(withOne.id) }];

			const result = await runAgainst(sandbox(), {
				parameters: {
					resource: 'customer',
					operation: 'getTransactions',
					customerId: byId('={{ $json.id }}'),
					returnAll: false,
					limit: 3,
				},
				items,
				onError,
				probe: "={{ $('Items').item.json.id }}",
				errorProbe: "={{ $('Items').item.json.id }}",
			});

			expect(result.error).toBeUndefined();
			const errorOutput = onError === 'continueErrorOutput' ? result.outputs[1] : result.outputs[0].slice(3, 4);
			const successes =
				onError === 'continueErrorOutput'
					? result.outputs[0]
					: [...result.outputs[0].slice(0, 3), ...result.outputs[0].slice(4)];

			expect(pairedIndexesOf(successes)).toEqual([0, 0, 0, 2, 2, 2]);
			expect(jsonOf(successes)).toEqual([
				...transactionsInPageOrder(sandbox(), items[0].id, 5).slice(0, 3),
				...transactionsInPageOrder(sandbox(), items[2].id, 5).slice(0, 3),
			]);
			expect(pairedIndexesOf(errorOutput)).toEqual([1]);
			expect(jsonOf(errorOutput)[0]).toMatchObject({
				error: `Customer ${UNKNOWN_ID} not found (Mono 400: "Invalid Customer Id, could not fetch customer") on page 1 [item 1]`,
			});
			const probed = (result.probe ?? []).map((entry) => entry.value);
			if (onError === 'continueErrorOutput') {
				expect(probed).toEqual([items[0].id, items[0].id, items[0].id, items[2].id, items[2].id, items[2].id]);
				expect(result.errorProbe).toEqual([{ value: UNKNOWN_ID }]);
			} else {
				expect(probed).toEqual([
					items[0].id,
					items[0].id,
					items[0].id,
					UNKNOWN_ID,
					items[2].id,
					items[2].id,
					items[2].id,
				]);
			}
		},
	);

	test('create failure carries Mono message and code', async () => {
		const existingEmail = String(sandbox().customers[1].email);
		const items = [{ email: 'first.new@example.com' }, { email: existingEmail }, { email: 'third.new@example.com' }];

		const result = await runAgainst(sandbox(), {
			parameters: createParameters({ email: '={{ $json.email }}' }),
			items,
			onError: 'continueErrorOutput',
			probe: "={{ $('Items').item.json.email + ' ' + $('Mono').item.json.email }}",
			errorProbe: "={{ $('Items').item.json.email + ' ' + $('Mono').item.json.error }}",
		});

		const duplicateMessage =
			'Customer already exists (Mono 400: "Customer already exists with similar credentials (email or names supplied)") [item 1]';
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0]).map((customer) => customer.email)).toEqual([
			'first.new@example.com',
			'third.new@example.com',
		]);
		expect(pairedIndexesOf(result.outputs[0])).toEqual([0, 2]);
		expect(jsonOf(result.outputs[1])).toEqual([
			{
				email: existingEmail,
				error: duplicateMessage,
				message: expect.stringMatching(/If Customer Exists/),
			},
		]);
		expect(result.probe).toEqual([
			{ value: 'first.new@example.com first.new@example.com' },
			{ value: 'third.new@example.com third.new@example.com' },
		]);
		expect(result.errorProbe).toEqual([{ value: `${existingEmail} ${duplicateMessage}` }]);
		expect(sandbox().requests.map((request) => request.body)).toEqual(
			expect.arrayContaining(items.map((item) => createBody(item.email))),
		);
		expect(sandbox().requests).toHaveLength(3);
	});

	test('invalid input fails only its item', async () => {
		const items = [{ email: 'good.one@example.com' }, { email: 'not-an-email' }];

		const result = await runAgainst(sandbox(), {
			parameters: createParameters({ email: '={{ $json.email }}' }),
			items,
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([
			expect.objectContaining({ email: 'good.one@example.com', id: expect.any(String) }),
			{
				error: 'Invalid Email: "not-an-email" is not an email address [item 1]',
				message: expect.stringMatching(/in Email/),
			},
		]);
		expect(pairedIndexesOf(result.outputs[0])).toEqual([0, 1]);
		expect(requestLines(sandbox())).toEqual([
			`POST /v2/customers ${JSON.stringify(createBody('good.one@example.com'))}`,
		]);
	});
});
