import type { INodeParameters } from 'n8n-workflow';

import {
	byId,
	createBody,
	createParameters,
	errorOf,
	jsonOf,
	pairedIndexesOf,
	requestLines,
	runAgainst,
	useSandbox,
} from './helpers';

const sandbox = useSandbox();

/** Values that stand for nothing: an unset field, null, blanks, and an expression's "undefined". */
const NOTHING_VALUES: Array<[string, string]> = [
	['missing field', '={{ $json.missing }}'],
	['null', '={{ $json.nothing }}'],
	['empty text', '={{ $json.empty }}'],
	['blank text', '   '],
	['text undefined', '={{ String($json.missing) }}'],
	['text null', '={{ String($json.nothing) }}'],
];
const ITEM = { nothing: null, empty: '' };

/** Asserts that no request body the sandbox received contains an empty value. */
function expectNoEmptyValuesSent() {
	for (const request of sandbox().requests) {
		expect(request.rawBody).not.toMatch(/""|\{\}|null|undefined|\[\]/);
	}
}

describe('optional fields', () => {
	test.each(NOTHING_VALUES)('update leaves out %s', async (_name, nothing) => {
		const id = String(sandbox().customers[0].id);

		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: byId(id),
				updateFields: {
					address: '={{ $json.address }}',
					phone: nothing,
					firstName: nothing,
					lastName: nothing,
					businessName: nothing,
					identityNumber: nothing,
				},
			},
			items: [{ ...ITEM, address: '5 New Close, Yaba, Lagos' }],
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([
			{ id, updated: true, fields: { address: '5 New Close, Yaba, Lagos' } },
		]);
		expect(requestLines(sandbox())).toEqual([`PATCH /v2/customers/${id} {"address":"5 New Close, Yaba, Lagos"}`]);
		expectNoEmptyValuesSent();
	});

	test('update with nothing to change sends nothing', async () => {
		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: byId(String(sandbox().customers[0].id)),
				updateFields: { address: '={{ $json.missing }}', phone: '', identityNumber: '={{ $json.empty }}' },
			},
			items: [ITEM],
		});

		const error = errorOf(result);
		expect(error.message).toBe('No fields to update [item 0]');
		expect(error.description).toMatch(/Update Fields/);
		expect(sandbox().requests).toEqual([]);
	});

	test.each(NOTHING_VALUES)('transactions account filter ignores %s', async (_name, nothing) => {
		const id = String(sandbox().customers[0].id);

		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'getTransactions',
				customerId: byId(id),
				returnAll: true,
				filters: { account: nothing },
			},
			items: [ITEM],
		});

		expect(requestLines(sandbox())).toEqual([`GET /v2/customers/${id}/transactions`]);
		expect(result.error).toBeUndefined();
	});

	test.each(NOTHING_VALUES)('linked accounts filter ignores %s', async (_name, nothing) => {
		const result = await runAgainst(sandbox(), {
			parameters: {
				resource: 'customer',
				operation: 'getLinkedAccounts',
				returnAll: true,
				filters: { customerId: nothing },
			},
			items: [ITEM],
		});

		expect(jsonOf(result.outputs[0])).toEqual(sandbox().accounts);
		expect(requestLines(sandbox())).toEqual(['GET /v2/accounts']);
	});
});

describe('required fields', () => {
	const CREATE_FIELDS: Array<[string, string]> = [
		['email', 'Email'],
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
		['address', 'Address'],
		['phone', 'Phone'],
		['identityNumber', 'Identity Number'],
	];
	const cases = CREATE_FIELDS.flatMap(([parameter, label]) =>
		NOTHING_VALUES.map(([name, nothing]) => [label, name, parameter, nothing] as const),
	);

	test.each(cases)('create with %s as %s fails', async (label, _name, parameter, nothing) => {
		const result = await runAgainst(sandbox(), {
			parameters: createParameters({ [parameter]: nothing }),
			items: [ITEM],
		});

		const error = errorOf(result);
		expect(error.message).toBe(`Missing ${label} [item 0]`);
		expect(error.description).toBe(
			`${label} is required. Enter a value, or check that the expression in ${label} finds one in this item.`,
		);
		expect(sandbox().requests).toEqual([]);
	});

	test.each([
		['businessName', 'Business Name'],
		['identityNumber', 'Shareholder BVN'],
	])('business create without %s fails', async (parameter, label) => {
		const business: INodeParameters = {
			resource: 'customer',
			operation: 'create',
			customerType: 'business',
			email: 'accounts@harbour.example.com',
			businessName: 'Harbour Foods Ltd',
			address: '3 Example Close, Wuse, Abuja',
			phone: '08098765432',
			identityNumber: '00087654321',
		};

		const result = await runAgainst(sandbox(), {
			parameters: { ...business, [parameter]: '={{ $json.missing }}' },
		});

		expect(errorOf(result).message).toBe(`Missing ${label} [item 0]`);
		expect(sandbox().requests).toEqual([]);
	});

	test('only the item missing a value fails', async () => {
		const result = await runAgainst(sandbox(), {
			parameters: createParameters({ firstName: '={{ $json.first }}', email: '={{ $json.email }}' }),
			items: [
				{ first: 'Ada', email: 'ada.obi@example.com' },
				{ first: '', email: 'blank.first@example.com' },
			],
			onError: 'continueErrorOutput',
		});

		expect(jsonOf(result.outputs[0])).toEqual([expect.objectContaining({ email: 'ada.obi@example.com' })]);
		expect(jsonOf(result.outputs[1])).toEqual([
			{
				first: '',
				email: 'blank.first@example.com',
				error: 'Missing First Name [item 1]',
				message: expect.stringMatching(/^First Name is required/),
			},
		]);
		expect(pairedIndexesOf(result.outputs[1])).toEqual([1]);
		expect(requestLines(sandbox())).toEqual([`POST /v2/customers ${JSON.stringify(createBody())}`]);
	});

	test.each(NOTHING_VALUES)('customer id as %s fails', async (_name, nothing) => {
		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'delete', customerId: byId(nothing) },
			items: [ITEM],
		});

		const error = errorOf(result);
		expect(error.message).toBe('Missing Customer ID [item 0]');
		expect(error.description).toMatch(/Pick a customer from the list/);
		expect(sandbox().requests).toEqual([]);
	});
});
