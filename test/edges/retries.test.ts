import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from './helpers';
import { byId, createBody, createParameters, errorOf, jsonOf, requestLines, runAgainst, useSandbox } from './helpers';

const sandbox = useSandbox();

const NEW_ADDRESS = '1 New Road, Yaba, Lagos';

/** One operation per HTTP method, with the request line it sends and the item it outputs. */
interface MethodCase {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	path: string;
	parameters: (sandbox: Sandbox) => INodeParameters;
	requestLine: (sandbox: Sandbox) => string;
	output: (sandbox: Sandbox) => IDataObject;
}

const firstId = (box: Sandbox) => String(box.customers[0].id);

const METHOD_CASES: MethodCase[] = [
	{
		method: 'GET',
		path: '/v2/customers/:id',
		parameters: (box) => ({ resource: 'customer', operation: 'get', customerId: byId(firstId(box)) }),
		requestLine: (box) => `GET /v2/customers/${firstId(box)}`,
		output: (box) => box.customers[0],
	},
	{
		method: 'POST',
		path: '/v2/customers',
		parameters: () => createParameters(),
		requestLine: () => `POST /v2/customers ${JSON.stringify(createBody())}`,
		output: () => ({
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Ada Obi',
			first_name: 'Ada',
			last_name: 'Obi',
			email: 'ada.obi@example.com',
			phone: '08012345678',
			address: '12 Sample Street, Ikeja, Lagos',
			identification_no: '00012345678',
			identification_type: 'bvn',
			bvn: '00012345678',
		}),
	},
	{
		method: 'PATCH',
		path: '/v2/customers/:id',
		parameters: (box) => ({
			resource: 'customer',
			operation: 'update',
			customerId: byId(firstId(box)),
			updateFields: { address: NEW_ADDRESS },
		}),
		requestLine: (box) => `PATCH /v2/customers/${firstId(box)} ${JSON.stringify({ address: NEW_ADDRESS })}`,
		output: (box) => ({ id: firstId(box), updated: true, fields: { address: NEW_ADDRESS } }),
	},
	{
		method: 'DELETE',
		path: '/v2/customers/:id',
		parameters: (box) => ({ resource: 'customer', operation: 'delete', customerId: byId(firstId(box)) }),
		requestLine: (box) => `DELETE /v2/customers/${firstId(box)}`,
		output: (box) => ({ deleted: true, id: firstId(box) }),
	},
];

const WRITE_CASES = METHOD_CASES.filter((methodCase) => methodCase.method !== 'GET');
const GET_CASE = METHOD_CASES[0];

/** Runs a case with the given Options and returns the run result. */
async function runCase(methodCase: MethodCase, options: INodeParameters = {}) {
	return await runAgainst(sandbox(), {
		parameters: { ...methodCase.parameters(sandbox()), options },
	});
}

describe('429 is retried for every method', () => {
	describe.each(METHOD_CASES.map((methodCase) => [methodCase.method, methodCase]))('%s', (_method, methodCase) => {
		test('with Retry-After', async () => {
			sandbox().setFaults({
				rules: [{ kind: 'status', status: 429, retryAfter: 0, method: methodCase.method, path: methodCase.path, calls: [1] }],
			});
			const expectedLine = methodCase.requestLine(sandbox());
			const expectedOutput = methodCase.output(sandbox());

			const result = await runCase(methodCase);

			expect(result.error).toBeUndefined();
			expect(jsonOf(result.outputs[0])).toEqual([expectedOutput]);
			expect(requestLines(sandbox())).toEqual([expectedLine, expectedLine]);
		});

		test('without Retry-After', async () => {
			sandbox().setFaults({
				rules: [{ kind: 'status', status: 429, method: methodCase.method, path: methodCase.path, calls: [1] }],
			});
			const expectedLine = methodCase.requestLine(sandbox());
			const expectedOutput = methodCase.output(sandbox());

			const result = await runCase(methodCase);

			expect(result.error).toBeUndefined();
			expect(jsonOf(result.outputs[0])).toEqual([expectedOutput]);
			expect(requestLines(sandbox())).toEqual([expectedLine, expectedLine]);
		});
	});

	test('create after 429 adds one customer', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 429, retryAfter: 0, method: 'POST', calls: [1, 2] }] });
		const before = sandbox().customers.length;

		const result = await runAgainst(sandbox(), { parameters: createParameters() });

		expect(result.error).toBeUndefined();
		expect(sandbox().customers).toHaveLength(before + 1);
		expect(sandbox().requests.map((request) => request.method)).toEqual(['POST', 'POST', 'POST']);
	});

	test('Retry-After longer than max wait is not waited', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 429, retryAfter: 5, calls: [1] }] });

		const result = await runCase(GET_CASE, { maxRetryWait: 1 });

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono rate limit reached (Mono 429: "Too many requests, please try again later") [item 0]',
		);
		expect(error.description).toMatch(/Max Retries or Max Retry Wait/);
		expect(error.httpCode).toBe('429');
		expect(requestLines(sandbox())).toEqual([GET_CASE.requestLine(sandbox())]);
	});

	test('Retry-After as HTTP date is read', async () => {
		const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();
		sandbox().setFaults({ rules: [{ kind: 'status', status: 429, retryAfter: inThirtySeconds, calls: [1] }] });

		const result = await runCase(GET_CASE, { maxRetryWait: 5 });

		expect(errorOf(result).httpCode).toBe('429');
		expect(requestLines(sandbox())).toEqual([GET_CASE.requestLine(sandbox())]);
	});
});

/** The faults that leave a request's fate unknown, with the rule and message each gives. */
const UNCERTAIN_FAULTS: Array<{ name: string; rule: IDataObject; message: string }> = [
	{
		name: '502',
		rule: { kind: 'status', status: 502, retryAfter: 0 },
		message: 'Mono server error (Mono 502: "Bad gateway") [item 0]',
	},
	{
		name: '503',
		rule: { kind: 'status', status: 503, retryAfter: 0 },
		message: 'Mono server error (Mono 503: "Service temporarily unavailable") [item 0]',
	},
	{
		name: '504',
		rule: { kind: 'status', status: 504, retryAfter: 0 },
		message: 'Mono server error (Mono 504: "Gateway timeout") [item 0]',
	},
	{
		name: 'timeout',
		rule: { kind: 'slow', delayMs: 1500 },
		message: 'Mono did not respond within 1 s [item 0]',
	},
	{
		name: 'dropped connection',
		rule: { kind: 'drop' },
		message: 'The connection to Mono closed before a response arrived [item 0]',
	},
];

describe.each(UNCERTAIN_FAULTS.map((fault) => [fault.name, fault]))('%s', (_name, fault) => {
	test('GET is retried', async () => {
		sandbox().setFaults({ rules: [{ ...fault.rule, method: 'GET', calls: [1] }] });
		const expectedLine = GET_CASE.requestLine(sandbox());

		const result = await runCase(GET_CASE, { timeout: 1 });

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([GET_CASE.output(sandbox())]);
		expect(requestLines(sandbox())).toEqual([expectedLine, expectedLine]);
	});

	test.each(WRITE_CASES.map((methodCase) => [methodCase.method, methodCase]))(
		'%s is sent once and names the risk',
		async (method, methodCase) => {
			sandbox().setFaults({ rules: [{ ...fault.rule, method, calls: [1] }] });
			const expectedLine = methodCase.requestLine(sandbox());

			const result = await runCase(methodCase, { timeout: 1 });

			const error = errorOf(result);
			expect(error.message).toBe(fault.message);
			expect(error.description).toContain(method);
			expect(error.description).toMatch(/may have applied/);
			expect(error.description).toMatch(/not sent again/);
			expect(result.outputs).toEqual([]);
			expect(requestLines(sandbox())).toEqual([expectedLine]);
		},
	);
});

describe('retry bounds', () => {
	test('Max Retries bounds attempts on 503', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 503, retryAfter: 0 }] });
		const line = GET_CASE.requestLine(sandbox());

		const result = await runCase(GET_CASE, { maxRetries: 2 });

		const error = errorOf(result);
		expect(error.message).toBe('Mono server error (Mono 503: "Service temporarily unavailable") [item 0]');
		expect(error.description).toMatch(/after 2 retries/);
		expect(requestLines(sandbox())).toEqual([line, line, line]);
	});

	test('Max Retries 0 sends once on 429', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 429, retryAfter: 0 }] });
		const line = WRITE_CASES[0].requestLine(sandbox());

		const result = await runCase(WRITE_CASES[0], { maxRetries: 0 });

		expect(errorOf(result).httpCode).toBe('429');
		expect(requestLines(sandbox())).toEqual([line]);
	});

	test('Max Retries bounds attempts on 429', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 429, retryAfter: 0 }] });
		const line = WRITE_CASES[1].requestLine(sandbox());

		const result = await runCase(WRITE_CASES[1], { maxRetries: 3 });

		const error = errorOf(result);
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/after 3 retries/);
		expect(requestLines(sandbox())).toEqual([line, line, line, line]);
	});

	test('Max Retry Wait bounds total wait', async () => {
		// Each wait is 0.3 s: three fit in 1 s, a fourth would not.
		sandbox().setFaults({ rules: [{ kind: 'status', status: 429, retryAfter: 0.3 }] });
		const line = GET_CASE.requestLine(sandbox());

		const result = await runCase(GET_CASE, { maxRetries: 10, maxRetryWait: 1 });

		expect(errorOf(result).httpCode).toBe('429');
		expect(requestLines(sandbox())).toEqual([line, line, line, line]);
	});

	test('Max Retry Wait bounds waits on 503', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 503, retryAfter: 0.3 }] });
		const line = GET_CASE.requestLine(sandbox());

		const result = await runCase(GET_CASE, { maxRetries: 10, maxRetryWait: 0.5 });

		expect(errorOf(result).httpCode).toBe('503');
		expect(requestLines(sandbox())).toEqual([line, line]);
	});

	test('slow response within Timeout kept', async () => {
		sandbox().setFaults({ rules: [{ kind: 'slow', delayMs: 300 }] });

		const result = await runCase(GET_CASE, { timeout: 1, maxRetries: 0 });

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([GET_CASE.output(sandbox())]);
		expect(requestLines(sandbox())).toEqual([GET_CASE.requestLine(sandbox())]);
	});

	test('timeouts on GET are bounded', async () => {
		sandbox().setFaults({ rules: [{ kind: 'slow', delayMs: 1500 }] });
		const line = GET_CASE.requestLine(sandbox());

		const result = await runCase(GET_CASE, { timeout: 1, maxRetries: 1 });

		const error = errorOf(result);
		expect(error.message).toBe('Mono did not respond within 1 s [item 0]');
		expect(error.description).toMatch(/after 1 retry\b/);
		expect(error.description).toMatch(/Timeout/);
		expect(requestLines(sandbox())).toEqual([line, line]);
	});

	test('dropped connections on GET are bounded', async () => {
		sandbox().setFaults({ rules: [{ kind: 'drop' }] });
		const line = GET_CASE.requestLine(sandbox());

		const result = await runCase(GET_CASE, { maxRetries: 2 });

		expect(errorOf(result).message).toBe('The connection to Mono closed before a response arrived [item 0]');
		expect(requestLines(sandbox())).toEqual([line, line, line]);
	});
});
