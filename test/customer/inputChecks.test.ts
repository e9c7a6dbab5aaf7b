import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { customerById, runOnSandbox, sentRequests, useSandbox } from '../harness/sandbox';

const getSandbox = useSandbox();

const SEEDED_ID = '92401cbeca995690e0bc6f2e';

const individual = {
	resource: 'customer',
	operation: 'create',
	customerType: 'individual',
	email: 'ada.obi@example.com',
	firstName: 'Ada',
	lastName: 'Obi',
	address: '12 Sample Street, Ikeja, Lagos',
	phone: '08012345678',
	identityType: 'bvn',
	identityNumber: '00012345678',
};

const business = {
	resource: 'customer',
	operation: 'create',
	customerType: 'business',
	email: 'accounts@harbour.example.com',
	businessName: 'Harbour Ventures Ltd',
	address: '4 Example Close, Wuse, Abuja',
	phone: '08098765432',
	identityNumber: '00087654321',
};

function withoutKey(parameters: INodeParameters, key: string): INodeParameters {
	const copy = { ...parameters };
	delete copy[key];
	return copy;
}

interface CheckCase {
	/** The failure as a test name reads it. */
	name: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	/** The exact error message. */
	message: string;
	/** The field the message must name. */
	field: string;
	/** A part of the description that names the change to make. */
	fix: string;
}

const MISSING_FIX = 'is required. Enter a value, or check that the expression in';
const EMAIL_FIX = 'Enter a full address such as ada@example.com in Email.';
const BVN_FIX = 'Enter the 11-digit BVN with no spaces or other characters in';
const ADDRESS_FIX = 'Shorten it to 100 characters or fewer in Address.';
const CUSTOMER_ID_FIX = 'Pick a customer from the list, or enter the id Mono returned';

const createCases: CheckCase[] = [
	{
		name: 'email expression gives empty',
		parameters: { ...individual, email: '={{ $json.email }}' },
		items: [{ email: '' }],
		message: 'Missing Email [item 0]',
		field: 'Email',
		fix: `Email ${MISSING_FIX}`,
	},
	{
		name: 'email expression finds nothing',
		parameters: { ...individual, email: '={{ $json.email }}' },
		items: [{ name: 'Ada' }],
		message: 'Missing Email [item 0]',
		field: 'Email',
		fix: `Email ${MISSING_FIX}`,
	},
	{ name: 'whitespace first name', parameters: { ...individual, firstName: '   ' }, message: 'Missing First Name [item 0]', field: 'First Name', fix: `First Name ${MISSING_FIX}` },
	{
		name: 'last name expression gives null',
		parameters: { ...individual, lastName: '={{ $json.lastName }}' },
		items: [{ lastName: null }],
		message: 'Missing Last Name [item 0]',
		field: 'Last Name',
		fix: `Last Name ${MISSING_FIX}`,
	},
	{
		name: 'address expression finds nothing',
		parameters: { ...individual, address: '={{ $json.street }}' },
		items: [{ city: 'Lagos' }],
		message: 'Missing Address [item 0]',
		field: 'Address',
		fix: `Address ${MISSING_FIX}`,
	},
	{ name: 'whitespace phone', parameters: { ...individual, phone: ' \t' }, message: 'Missing Phone [item 0]', field: 'Phone', fix: `Phone ${MISSING_FIX}` },
	{
		name: 'identity expression gives empty',
		parameters: { ...individual, identityNumber: '={{ $json.bvn }}' },
		items: [{ bvn: '' }],
		message: 'Missing Identity Number [item 0]',
		field: 'Identity Number',
		fix: `Identity Number ${MISSING_FIX}`,
	},
	{
		name: 'email without at sign',
		parameters: { ...individual, email: 'ada.example.com' },
		message: 'Invalid Email: "ada.example.com" is not an email address [item 0]',
		field: 'Email',
		fix: EMAIL_FIX,
	},
	{
		name: 'email without domain dot',
		parameters: { ...individual, email: 'ada@example' },
		message: 'Invalid Email: "ada@example" is not an email address [item 0]',
		field: 'Email',
		fix: EMAIL_FIX,
	},
	{
		name: 'email with inner space',
		parameters: { ...individual, email: 'ada obi@example.com' },
		message: 'Invalid Email: "ada obi@example.com" is not an email address [item 0]',
		field: 'Email',
		fix: EMAIL_FIX,
	},
	{
		name: 'identity number of 10 digits',
		parameters: { ...individual, identityNumber: '0001234567' },
		message: 'Invalid Identity Number: "0001234567" is not 11 digits [item 0]',
		field: 'Identity Number',
		fix: `${BVN_FIX} Identity Number.`,
	},
	{
		name: 'identity number of 12 digits',
		parameters: { ...individual, identityNumber: '000123456789' },
		message: 'Invalid Identity Number: "000123456789" is not 11 digits [item 0]',
		field: 'Identity Number',
		fix: `${BVN_FIX} Identity Number.`,
	},
	{
		name: 'identity number with space',
		parameters: { ...individual, identityNumber: '000 12345678' },
		message: 'Invalid Identity Number: "000 12345678" is not 11 digits [item 0]',
		field: 'Identity Number',
		fix: `${BVN_FIX} Identity Number.`,
	},
	{
		name: 'identity number with letter',
		parameters: { ...individual, identityNumber: '0001234567a' },
		message: 'Invalid Identity Number: "0001234567a" is not 11 digits [item 0]',
		field: 'Identity Number',
		fix: `${BVN_FIX} Identity Number.`,
	},
	{
		name: 'address of 101 characters',
		parameters: { ...individual, address: 'A'.repeat(101) },
		message: "Invalid Address: is 101 characters long, over Mono's limit of 100 [item 0]",
		field: 'Address',
		fix: ADDRESS_FIX,
	},
	{ name: 'whitespace business name', parameters: { ...business, businessName: '  ' }, message: 'Missing Business Name [item 0]', field: 'Business Name', fix: `Business Name ${MISSING_FIX}` },
	{ name: 'whitespace shareholder bvn', parameters: { ...business, identityNumber: ' ' }, message: 'Missing Shareholder BVN [item 0]', field: 'Shareholder BVN', fix: `Shareholder BVN ${MISSING_FIX}` },
	{
		name: 'shareholder bvn of 9 digits',
		parameters: { ...business, identityNumber: '000876543' },
		message: 'Invalid Shareholder BVN: "000876543" is not 11 digits [item 0]',
		field: 'Shareholder BVN',
		fix: `${BVN_FIX} Shareholder BVN.`,
	},
	{
		name: 'business email not email',
		parameters: { ...business, email: 'accounts' },
		message: 'Invalid Email: "accounts" is not an email address [item 0]',
		field: 'Email',
		fix: EMAIL_FIX,
	},
	{
		name: 'business address too long',
		parameters: { ...business, address: 'B'.repeat(150) },
		message: "Invalid Address: is 150 characters long, over Mono's limit of 100 [item 0]",
		field: 'Address',
		fix: ADDRESS_FIX,
	},
];

const customerIdOperations = ['get', 'delete', 'update', 'getTransactions'];

const customerIdCases: CheckCase[] = customerIdOperations.flatMap((operation) =>
	[
		['whitespace', ' \t ', undefined],
		['empty expression', '={{ $json.id }}', [{ id: '' }]],
		['blank expression', '={{ $json.id }}', [{ id: '   ' }]],
	].map(([kind, value, items]) => ({
		name: `${operation} with ${kind as string} customer id`,
		parameters: {
			resource: 'customer',
			operation,
			customerId: customerById(value as string),
			updateFields: { phone: '08012345678' },
		},
		items: items as IDataObject[] | undefined,
		message: 'Missing Customer ID [item 0]',
		field: 'Customer ID',
		fix: CUSTOMER_ID_FIX,
	})),
);

customerIdCases.push({
	name: 'get with id expression finding nothing',
	parameters: { resource: 'customer', operation: 'get', customerId: customerById('={{ $json.customerId }}') },
	items: [{ id: SEEDED_ID }],
	message: 'Missing Customer ID [item 0]',
	field: 'Customer ID',
	fix: CUSTOMER_ID_FIX,
});

const update = { resource: 'customer', operation: 'update', customerId: customerById(SEEDED_ID) };

const updateCases: CheckCase[] = [
	{
		name: 'update without fields',
		parameters: { ...update, updateFields: {} },
		message: 'No fields to update [item 0]',
		field: 'update',
		fix: 'Add at least one field under Update Fields',
	},
	{
		name: 'update with blank fields',
		parameters: { ...update, updateFields: { address: '  ', phone: '' } },
		message: 'No fields to update [item 0]',
		field: 'update',
		fix: 'Add at least one field under Update Fields',
	},
	{
		name: 'update identity of 10 digits',
		parameters: { ...update, updateFields: { identityNumber: '0001234567' } },
		message: 'Invalid Identity Number: "0001234567" is not 11 digits [item 0]',
		field: 'Identity Number',
		fix: `${BVN_FIX} Identity Number.`,
	},
	{
		name: 'update address too long',
		parameters: { ...update, updateFields: { address: 'C'.repeat(101) } },
		message: "Invalid Address: is 101 characters long, over Mono's limit of 100 [item 0]",
		field: 'Address',
		fix: ADDRESS_FIX,
	},
];

const listCases: CheckCase[] = [
	{
		name: 'get many limit of zero',
		parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 0 },
		message: 'Invalid Limit: 0 [item 0]',
		field: 'Limit',
		fix: 'Enter a whole number of 1 or more in Limit',
	},
	{
		name: 'transactions page of zero',
		parameters: {
			resource: 'customer',
			operation: 'getTransactions',
			customerId: customerById(SEEDED_ID),
			returnAll: true,
			filters: { page: 0 },
		},
		message: 'Invalid Page: 0 [item 0]',
		field: 'Page',
		fix: 'Enter a whole number of 1 or more in Filters > Page',
	},
];

describe.each([
	['Create input check', createCases],
	['Customer ID check', customerIdCases],
	['Update input check', updateCases],
	['List input check', listCases],
])('%s', (_group, cases) => {
	describe.each(cases)('$name', (checkCase) => {
		test('sends no request', async () => {
			const sandbox = getSandbox();

			await runOnSandbox(sandbox, { parameters: checkCase.parameters, items: checkCase.items });

			expect(sentRequests(sandbox)).toEqual([]);
		});

		test('fails with exact message', async () => {
			const sandbox = getSandbox();

			const result = await runOnSandbox(sandbox, { parameters: checkCase.parameters, items: checkCase.items });

			expect(result.error?.message).toBe(checkCase.message);
			expect(result.outputs).toEqual([]);
		});

		test('message names item and field', async () => {
			const sandbox = getSandbox();

			const result = await runOnSandbox(sandbox, { parameters: checkCase.parameters, items: checkCase.items });

			expect(result.error?.message).toContain('[item 0]');
			expect(result.error?.message).toContain(checkCase.field);
		});

		test('description says what to change', async () => {
			const sandbox = getSandbox();

			const result = await runOnSandbox(sandbox, { parameters: checkCase.parameters, items: checkCase.items });

			expect(result.error?.description).toContain(checkCase.fix);
		});
	});
});

// n8n itself rejects a workflow in which a required parameter is left empty, so these
// never reach the node's own checks.
const literalEmptyCases: Array<[string, INodeParameters, string]> = [
	['empty email', { ...individual, email: '' }, 'Email'],
	['absent email', withoutKey(individual, 'email'), 'Email'],
	['empty last name', { ...individual, lastName: '' }, 'Last Name'],
	['empty phone', { ...individual, phone: '' }, 'Phone'],
	['empty identity number', { ...individual, identityNumber: '' }, 'Identity Number'],
	['empty business name', { ...business, businessName: '' }, 'Business Name'],
	['empty shareholder bvn', { ...business, identityNumber: '' }, 'Shareholder BVN'],
	...customerIdOperations.map((operation): [string, INodeParameters, string] => [
		`${operation} with empty customer id`,
		{ resource: 'customer', operation, customerId: customerById(''), updateFields: { phone: '08012345678' } },
		'Customer',
	]),
];

describe.each(literalEmptyCases)('Literal %s', (_name, parameters, label) => {
	test('n8n rejects the workflow', async () => {
		const sandbox = getSandbox();

		await expect(runOnSandbox(sandbox, { parameters })).rejects.toThrow(`Parameter "${label}" is required.`);
	});

	test('sends no request', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, { parameters }).catch(() => undefined);

		expect(sentRequests(sandbox)).toEqual([]);
	});
});

describe('Input check boundaries', () => {
	test('address of 100 characters sent', async () => {
		const sandbox = getSandbox();
		const address = `${'D'.repeat(90)} Lagos 12`.padEnd(100, 'x');
		expect(address).toHaveLength(100);

		const result = await runOnSandbox(sandbox, { parameters: { ...individual, address } });

		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)[0].body).toMatchObject({ address });
	});

	test('surrounding spaces trimmed before checks', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { ...individual, email: '  ada.obi@example.com ', identityNumber: ' 00012345678 ' },
		});

		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox)[0].body).toMatchObject({
			email: 'ada.obi@example.com',
			identity: { type: 'bvn', number: '00012345678' },
		});
	});
});

describe('Input check in second item', () => {
	const items = [
		{ email: 'first@example.com' },
		{ email: 'second.example.com' },
		{ email: 'third@example.com' },
	];
	const parameters = { ...individual, email: '={{ $json.email }}' };

	test('error names item 1', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters, items });

		expect(result.error?.message).toBe('Invalid Email: "second.example.com" is not an email address [item 1]');
	});

	test('no request for item 1', async () => {
		const sandbox = getSandbox();

		await runOnSandbox(sandbox, { parameters, items });

		const emails = sentRequests(sandbox).map((request) => (request.body as IDataObject).email);
		expect(emails).not.toContain('second.example.com');
	});

	test('error output pairs item 1', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters, items, onError: 'continueErrorOutput' });

		expect(result.outputs[1]).toEqual([
			{
				json: {
					email: 'second.example.com',
					error: 'Invalid Email: "second.example.com" is not an email address [item 1]',
					message: EMAIL_FIX,
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	test('other items still created', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, { parameters, items, onError: 'continueErrorOutput' });

		expect(result.outputs[0].map((item) => [item.json.email, item.pairedItem])).toEqual([
			['first@example.com', { item: 0 }],
			['third@example.com', { item: 2 }],
		]);
		const emails = sentRequests(sandbox).map((request) => (request.body as IDataObject).email);
		expect(emails.sort()).toEqual(['first@example.com', 'third@example.com']);
	});

	test('error probe reads input item', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters,
			items,
			onError: 'continueErrorOutput',
			errorProbe: "={{ $('Items').item.json.email }}",
		});

		expect(result.errorProbe).toEqual([{ value: 'second.example.com' }]);
	});
});
