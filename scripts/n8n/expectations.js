// @ts-check
'use strict';
/*
 * The expected result of each example workflow in examples/, run against a freshly reset local
 * Mono sandbox: the exact items every node outputs and the exact requests the sandbox receives.
 * Values come from the sandbox's seed data (sandbox/seed.js), never from the run being checked,
 * except the ids of customers that the run itself creates, which the sandbox picks.
 *
 * Module API:
 *   EXAMPLES: Array<{ file, workflowId, expect(sandbox) -> { nodes, requests } }>
 *     `file` is the example's name in examples/, `workflowId` the id test-n8n.js imports it
 *     under. `expect` is called after the run with the MonoSandbox instance. It returns
 *     `nodes[nodeName]`, the list of item `json` objects on each output of that node, and
 *     `requests`, the `{ method, path, query, body }` of every request, in order unless
 *     `requestOrder` is 'any'.
 */

const { seedData } = require('../../sandbox/seed');
const { DEFAULT_PAGE_SIZE } = require('../../sandbox/server');

/** Returns the seeded customers, accounts and transactions, as a freshly reset sandbox has them. */
function seeded() {
	return seedData();
}

// The rows the Code node of create-customers-in-bulk.json parses out of its CSV text.
const CSV_ROWS = [
	{ row: 2, email: 'amaka.sample@example.com', first_name: 'Amaka', last_name: 'Sample', address: '14 Sample Street, Yaba, Lagos', phone: '08031234567', bvn: '00012345678' },
	{ row: 3, email: 'tobi.fixture@example.com', first_name: 'Tobi', last_name: 'Fixture', address: '7 Example Close, Wuse, Abuja', phone: '+2348039876543', bvn: '00087654321' },
	{ row: 4, email: 'kunle.demo@example.com', first_name: 'Kunle', last_name: 'Demo', address: '3 Demo Crescent, Bodija, Ibadan', phone: '07011112222', bvn: '0001234567' },
	{ row: 5, email: 'ngozi.testwell@example.com', first_name: 'Ngozi', last_name: 'Testwell', address: '21 Test Road, GRA, Port Harcourt', phone: '09022223333', bvn: '00055566677' },
	{ row: 6, email: 'folake.demola0002@example.com', first_name: 'Folake', last_name: 'Demola', address: '53 Fixture Avenue, GRA, Port Harcourt', phone: '07006001382', bvn: '00052535907' },
];

function createBody(row) {
	return {
		type: 'individual',
		email: row.email,
		first_name: row.first_name,
		last_name: row.last_name,
		address: row.address,
		phone: row.phone,
		identity: { type: 'bvn', number: row.bvn },
	};
}

/**
 * create-customers-in-bulk.json: rows 2, 3 and 5 are created. Row 4 has a 10-digit BVN, and row 6
 * has the email of a seeded customer, so Mono rejects it as a duplicate.
 */
function expectBulkCreate(sandbox) {
	const createdRows = [CSV_ROWS[0], CSV_ROWS[1], CSV_ROWS[3]];
	const created = createdRows.map((row) => {
		const stored = sandbox.customers.find((customer) => customer.email === row.email);
		return {
			id: stored?.id ?? '(not stored by the sandbox)',
			name: `${row.first_name} ${row.last_name}`,
			first_name: row.first_name,
			last_name: row.last_name,
			email: row.email,
			phone: row.phone,
			address: row.address,
			identification_no: row.bvn,
			identification_type: 'bvn',
			bvn: row.bvn,
		};
	});

	const invalidBvn = {
		error: 'Invalid Identity Number: "0001234567" is not 11 digits [item 2]',
		message: 'Enter the 11-digit BVN with no spaces or other characters in Identity Number.',
	};
	const duplicate = {
		error:
			'Customer already exists (Mono 400: "Customer already exists with similar credentials (email or names supplied)") [item 4]',
		message:
			'Mono already has a customer with this email (or these names) in your app. Use another email, or set Options > If Customer Exists to Return Existing to output the existing customer instead.',
	};

	return {
		nodes: {
			Start: [[{}]],
			'Parse CSV rows': [CSV_ROWS],
			// n8n merges an error item with the input item it came from before the error output.
			'Create Customer': [created, [{ ...CSV_ROWS[2], ...invalidBvn }, { ...CSV_ROWS[4], ...duplicate }]],
			'Created customers': [
				created.map((customer) => ({ mono_customer_id: customer.id, email: customer.email, name: customer.name })),
			],
			'Rows to fix': [
				[
					{ row: 4, email: CSV_ROWS[2].email, error: invalidBvn.error, fix: invalidBvn.message },
					{ row: 6, email: CSV_ROWS[4].email, error: duplicate.error, fix: duplicate.message },
				],
			],
		},
		// The node sends an input's items concurrently, so they may reach the sandbox in any order.
		requestOrder: 'any',
		// The row with the invalid BVN is rejected by the node before anything is sent.
		requests: [CSV_ROWS[0], CSV_ROWS[1], CSV_ROWS[3], CSV_ROWS[4]].map((row) => ({
			method: 'POST',
			path: '/v2/customers',
			query: {},
			body: createBody(row),
		})),
	};
}

/** update-customer-from-crm.json: the first seeded customer gets the CRM's phone and address. */
function expectCrmUpdate() {
	const customer = seeded().customers[0];
	const crm = {
		crm_contact_id: 'CRM-1042',
		mono_customer_id: customer.id,
		phone: '+2348051234567',
		address: '22 Fixture Avenue, Wuse, Abuja',
	};
	const path = `/v2/customers/${customer.id}`;
	return {
		nodes: {
			Start: [[{}]],
			'CRM record': [[crm]],
			'Update Customer': [[{ id: customer.id, updated: true, fields: { address: crm.address, phone: crm.phone } }]],
			'Get Customer': [[{ ...customer, phone: crm.phone, address: crm.address }]],
			'Compare with CRM': [
				[{ crm_contact_id: 'CRM-1042', mono_customer_id: customer.id, phone: crm.phone, address: crm.address, in_sync: true }],
			],
		},
		requests: [
			{ method: 'PATCH', path, query: {}, body: { address: crm.address, phone: crm.phone } },
			{ method: 'GET', path, query: {}, body: undefined },
		],
	};
}

/** list-and-filter-customers.json: every page of customers, then the businesses among them. */
function expectListAndFilter() {
	const { customers } = seeded();
	const businesses = customers.filter((customer) => customer.type === 'business');
	const pages = Math.ceil(customers.length / DEFAULT_PAGE_SIZE);
	const requests = [];
	for (let page = 1; page <= pages; page++) {
		requests.push({ method: 'GET', path: '/v2/customers', query: page === 1 ? {} : { page: String(page) }, body: undefined });
	}
	return {
		nodes: {
			Start: [[{}]],
			'Get Many Customers': [customers],
			// n8n keeps the items a Filter drops as a second output in the run data.
			'Businesses only': [businesses, customers.filter((customer) => customer.type !== 'business')],
			'Business contacts': [
				businesses.map((business) => ({ business_name: business.business_name, email: business.email, phone: business.phone })),
			],
			'Mailing list': [[{ email: businesses.map((business) => business.email) }]],
		},
		requests,
	};
}

/**
 * transactions-per-account.json: the second seeded customer has two linked accounts. Mono pages
 * every account's transactions together, so page N contains each account's page N in turn, and the
 * node outputs them in that order.
 */
function expectTransactionsPerAccount() {
	const { customers, accounts, transactionsByAccount } = seeded();
	const customer = customers[1];
	const owned = accounts.filter((account) => account.customer.id === customer.id);
	const lists = owned.map((account) => transactionsByAccount.get(account.id) ?? []);
	const pages = Math.max(...lists.map((list) => Math.ceil(list.length / DEFAULT_PAGE_SIZE)));

	const transactions = [];
	for (let page = 1; page <= pages; page++) {
		owned.forEach((account, index) => {
			for (const transaction of lists[index].slice((page - 1) * DEFAULT_PAGE_SIZE, page * DEFAULT_PAGE_SIZE)) {
				transactions.push({ ...transaction, account: account.id, account_name: account.name, bank: account.institution.name });
			}
		});
	}
	const inNaira = transactions.map((transaction) => ({
		account: transaction.account,
		account_name: transaction.account_name,
		bank: transaction.bank,
		credit_naira: transaction.type === 'credit' ? transaction.amount / 100 : 0,
		debit_naira: transaction.type === 'debit' ? transaction.amount / 100 : 0,
	}));
	const totals = owned.map((account) => {
		const rows = inNaira.filter((row) => row.account === account.id);
		return {
			account: account.id,
			account_name: account.name,
			bank: account.institution.name,
			count_account: rows.length,
			sum_credit_naira: rows.reduce((sum, row) => sum + row.credit_naira, 0),
			sum_debit_naira: rows.reduce((sum, row) => sum + row.debit_naira, 0),
		};
	});

	const path = `/v2/customers/${customer.id}/transactions`;
	const requests = [];
	for (let page = 1; page <= pages; page++) {
		const query = page === 1 ? { period: 'last12months' } : { period: 'last12months', page: String(page) };
		requests.push({ method: 'GET', path, query, body: undefined });
	}
	return {
		nodes: {
			Start: [[{}]],
			Customer: [[{ mono_customer_id: customer.id }]],
			'Get Transactions': [transactions],
			'Amounts in naira': [inNaira],
			'Totals per account': [totals],
		},
		requests,
	};
}

const EXAMPLES = [
	{ file: 'create-customers-in-bulk.json', workflowId: 'monoExampleBulkCreate', expect: expectBulkCreate },
	{ file: 'update-customer-from-crm.json', workflowId: 'monoExampleCrmUpdate', expect: expectCrmUpdate },
	{ file: 'list-and-filter-customers.json', workflowId: 'monoExampleListFilter', expect: expectListAndFilter },
	{ file: 'transactions-per-account.json', workflowId: 'monoExampleTransactions', expect: expectTransactionsPerAccount },
];

module.exports = { EXAMPLES };
