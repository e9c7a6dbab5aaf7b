import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from './helpers';
import {
	createBody,
	createParameters,
	errorOf,
	jsonOf,
	requestLines,
	runAgainst,
	startSandbox,
	waitForQuiet,
} from './helpers';

const DUPLICATE_MESSAGE = 'Customer already exists with similar credentials (email or names supplied)';
const RETURN_EXISTING = { ifCustomerExists: 'returnExisting' };

let sandbox: Sandbox;

async function restart(options: IDataObject) {
	await sandbox?.stop();
	sandbox = await startSandbox(options);
}

afterEach(async () => {
	await sandbox?.stop();
});

const postLine = (email: string) => `POST /v2/customers ${JSON.stringify(createBody(email))}`;

describe('duplicate customer', () => {
	test('fails with Mono message by default', async () => {
		await restart({ pageSize: 5 });
		const email = String(sandbox.customers[3].email);

		const result = await runAgainst(sandbox, { parameters: createParameters({ email }) });

		const error = errorOf(result);
		expect(error.message).toBe(`Customer already exists (Mono 400: "${DUPLICATE_MESSAGE}") [item 0]`);
		expect(error.description).toMatch(/If Customer Exists to Return Existing/);
		expect(error.httpCode).toBe('400');
		expect(requestLines(sandbox)).toEqual([postLine(email)]);
	});

	test('Fail option fails the same way', async () => {
		await restart({ pageSize: 5, duplicateDetail: true });
		const email = String(sandbox.customers[3].email);

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ email, options: { ifCustomerExists: 'fail' } }),
		});

		expect(errorOf(result).message).toBe(`Customer already exists (Mono 400: "${DUPLICATE_MESSAGE}") [item 0]`);
		expect(requestLines(sandbox)).toEqual([postLine(email)]);
	});

	test('Return Existing reads existing_customer id', async () => {
		await restart({ pageSize: 5, duplicateDetail: true });
		const existing = sandbox.customers[7];
		const email = String(existing.email);

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ email, options: RETURN_EXISTING }),
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([{ ...existing, existing: true }]);
		expect(requestLines(sandbox)).toEqual([postLine(email), `GET /v2/customers/${String(existing.id)}`]);
	});

	test('Return Existing looks email up', async () => {
		await restart({ pageSize: 10 });
		const existing = sandbox.customers[4];
		const email = String(existing.email);

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ email, options: RETURN_EXISTING }),
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([{ ...existing, existing: true }]);
		await waitForQuiet(sandbox);
		expect(requestLines(sandbox)).toEqual([postLine(email), 'GET /v2/customers']);
	});

	test('email lookup ignores case', async () => {
		await restart({ pageSize: 10 });
		const existing = sandbox.customers[2];
		const email = String(existing.email).toUpperCase();

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ email, options: RETURN_EXISTING }),
		});

		expect(jsonOf(result.outputs[0])).toEqual([{ ...existing, existing: true }]);
		expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	test('email lookup reads later pages', async () => {
		await restart({ pageSize: 5 });
		const existing = sandbox.customers[17];
		const email = String(existing.email);

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ email, options: RETURN_EXISTING }),
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([{ ...existing, existing: true }]);
		await waitForQuiet(sandbox);
		const lines = requestLines(sandbox);
		expect(lines.slice(0, 2)).toEqual([postLine(email), 'GET /v2/customers']);
		// Once page 1 reports 5 pages, pages 2 to 5 are requested at once, each exactly once.
		expect(lines.slice(2).sort()).toEqual([2, 3, 4, 5].map((page) => `GET /v2/customers?page=${page}`));
	});

	test('new customer is marked not existing', async () => {
		await restart({ pageSize: 5 });
		const before = sandbox.customers.length;

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ options: RETURN_EXISTING }),
		});

		expect(jsonOf(result.outputs[0])).toEqual([
			expect.objectContaining({ email: 'ada.obi@example.com', id: expect.any(String), existing: false }),
		]);
		expect(sandbox.customers).toHaveLength(before + 1);
		expect(requestLines(sandbox)).toEqual([postLine('ada.obi@example.com')]);
	});

	test('same email twice in one run', async () => {
		await restart({ pageSize: 5, duplicateDetail: true });
		const before = sandbox.customers.length;
		const email = 'twice@example.com';

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ email: '={{ $json.email }}', options: RETURN_EXISTING }),
			items: [{ email }, { email }],
		});

		// One item creates the customer and the other finds it. Which item does which depends on arrival order.
		expect(result.error).toBeUndefined();
		const output = jsonOf(result.outputs[0]);
		expect(output.map((customer) => customer.existing).sort()).toEqual([false, true]);
		expect(output[0].id).toBe(output[1].id);
		expect(sandbox.customers).toHaveLength(before + 1);
		await waitForQuiet(sandbox);
		expect(requestLines(sandbox)).toEqual([postLine(email), postLine(email), `GET /v2/customers/${String(output[0].id)}`]);
	});

	test('create is not repeated after a 503', async () => {
		await restart({ pageSize: 5, duplicateDetail: true });
		sandbox.setFaults({ rules: [{ kind: 'status', status: 503, retryAfter: 0, method: 'POST', calls: [1] }] });

		const result = await runAgainst(sandbox, {
			parameters: createParameters({ options: RETURN_EXISTING }),
		});

		expect(errorOf(result).httpCode).toBe('503');
		expect(requestLines(sandbox)).toEqual([postLine('ada.obi@example.com')]);
	});
});
