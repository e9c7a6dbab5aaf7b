// The main job on the local Mono sandbox: runs the Mono node through n8n's execution engine
// for every Customer operation and prints a short summary of each step. `npm run demo`.
require('./register-ts');
require('../test/harness/setup.ts');
process.env.N8N_LOG_LEVEL = 'silent';

const { startSandbox } = require('../sandbox/server');
const { runMono } = require('../test/harness/engine.ts');

const naira = (kobo) => `NGN ${(kobo / 100).toLocaleString('en-NG', { minimumFractionDigits: 2 })}`;
let failures = 0;

/** Runs one step, prints its summary line(s), and returns the Mono node's main output. */
async function step(title, options, summarise) {
	const result = await runMono(options);
	if (result.error) {
		failures++;
		console.log(`✗ ${title}: ${result.error.message}`);
		return [];
	}
	const items = (result.outputs[0] ?? []).map((item) => item.json);
	console.log(`✓ ${title}`);
	for (const line of summarise(items)) {
		console.log(`    ${line}`);
	}
	return items;
}

async function main() {
	const sandbox = await startSandbox({});
	const credentials = { baseUrl: sandbox.baseUrl, secretKey: 'test_sk_sandbox' };
	console.log(`Mono sandbox at ${sandbox.baseUrl}; every step below runs in n8n's WorkflowExecute.\n`);

	try {
		const created = await step(
			'Create an individual and a business customer',
			{
				credentials,
				items: [
					{ type: 'individual', email: 'amaka.sample@example.com', first: 'Amaka', last: 'Sample', business: '', bvn: '00012345678' },
					{ type: 'business', email: 'finance@harbourfoods.example.com', first: '', last: '', business: 'Harbour Foods Ltd', bvn: '00087654321' },
				],
				parameters: {
					resource: 'customer',
					operation: 'create',
					customerType: '={{ $json.type }}',
					email: '={{ $json.email }}',
					firstName: '={{ $json.first }}',
					lastName: '={{ $json.last }}',
					businessName: '={{ $json.business }}',
					address: '12 Sample Street, Ikeja, Lagos',
					phone: '08012345678',
					identityType: 'bvn',
					identityNumber: '={{ $json.bvn }}',
				},
			},
			(items) => items.map((customer) => `${customer.id}  ${customer.name ?? customer.business_name} <${customer.email}>`),
		);

		const customerId = (id) => ({ __rl: true, mode: 'id', value: id });
		const individual = created[0];
		const business = created[1];

		if (individual) {
			await step(
				'Get the individual customer',
				{ credentials, parameters: { resource: 'customer', operation: 'get', customerId: customerId(individual.id) } },
				(items) => items.map((customer) => `${customer.name}, ${customer.phone}, ${customer.address}`),
			);
		}

		const everyone = await step(
			'List all customers (Return All, across pages)',
			{ credentials, parameters: { resource: 'customer', operation: 'getAll', returnAll: true } },
			(items) => [`${items.length} customers, ${items.filter((customer) => customer.type === 'business').length} of them businesses`],
		);

		if (individual) {
			await step(
				'Update the individual\'s address and read it back',
				{
					credentials,
					parameters: {
						resource: 'customer',
						operation: 'update',
						customerId: customerId(individual.id),
						updateFields: { address: '7 Example Close, Yaba, Lagos' },
						options: { returnCustomer: true },
					},
				},
				(items) => items.map((customer) => `address is now "${customer.address}"`),
			);
		}

		const linked = await step(
			'Get linked accounts',
			{ credentials, parameters: { resource: 'customer', operation: 'getLinkedAccounts', returnAll: true } },
			(items) => [`${items.length} accounts at ${new Set(items.map((account) => account.institution?.name)).size} banks`],
		);

		// The customer with the most linked accounts shows the per-account summary best.
		const accountCounts = new Map();
		for (const account of linked) {
			accountCounts.set(account.customer?.id, (accountCounts.get(account.customer?.id) ?? 0) + 1);
		}
		const owner = [...accountCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? everyone[0]?.id;
		if (owner) {
			await step(
				'Read one customer\'s transactions (last 12 months)',
				{
					credentials,
					parameters: {
						resource: 'customer',
						operation: 'getTransactions',
						customerId: customerId(owner),
						returnAll: true,
						filters: { period: 'last12months' },
					},
				},
				(items) => {
					const byAccount = new Map();
					for (const transaction of items) {
						const key = `${transaction.account_name} at ${transaction.bank}`;
						const sum = byAccount.get(key) ?? { count: 0, credit: 0, debit: 0 };
						sum.count++;
						sum[transaction.type] += transaction.amount;
						byAccount.set(key, sum);
					}
					return [...byAccount].map(
						([account, sum]) => `${account}: ${sum.count} transactions, in ${naira(sum.credit)}, out ${naira(sum.debit)}`,
					);
				},
			);
		}

		if (business) {
			await step(
				'Delete the business customer',
				{ credentials, parameters: { resource: 'customer', operation: 'delete', customerId: customerId(business.id) } },
				(items) => items.map((result) => `deleted: ${result.deleted}, id ${result.id}`),
			);
		}

		const methods = sandbox.requests.map((request) => request.method);
		console.log(`\nThe sandbox received ${methods.length} requests (${['POST', 'GET', 'PATCH', 'DELETE'].map((method) => `${methods.filter((m) => m === method).length} ${method}`).join(', ')}).`);
	} finally {
		await sandbox.stop();
	}

	if (failures > 0) {
		console.log(`\n${failures} step(s) failed.`);
		process.exit(1);
	}
	console.log('\nDemo finished: every step succeeded.');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
