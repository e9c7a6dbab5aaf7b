import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from './helpers';
import { SECRET_KEY, startSandbox } from './helpers';

const CLI = join(__dirname, '..', '..', 'sandbox', 'cli.js');

interface SandboxResponse {
	status: number;
	headers: Headers;
	text: string;
	json: IDataObject | undefined;
}

/** Sends one request to a sandbox on loopback and reads the whole response. */
async function send(baseUrl: string, path: string, init: { method?: string; key?: string; body?: unknown; timeoutMs?: number } = {}): Promise<SandboxResponse> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.key !== undefined) {
		headers['mono-sec-key'] = init.key;
	}
	const response = await fetch(`${baseUrl}${path}`, {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
		signal: AbortSignal.timeout(init.timeoutMs ?? 5000),
	});
	const text = await response.text();
	let json: IDataObject | undefined;
	try {
		json = JSON.parse(text) as IDataObject;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/** Runs the sandbox CLI with the given flags until it prints its URL; returns the process and URL. */
async function startCli(flags: string[]): Promise<{ child: ChildProcessWithoutNullStreams; baseUrl: string }> {
	const child = spawn(process.execPath, [CLI, ...flags]);
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`The sandbox CLI printed no URL within 5 s: ${output}`)), 5000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`The sandbox CLI exited with ${code}: ${output}`));
		});
	});
	return { child, baseUrl };
}

/** Runs the sandbox CLI to its exit; returns its exit code and output. */
async function runCliToExit(flags: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, [CLI, ...flags]);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => {
		const timer = setTimeout(() => {
			child.kill();
			resolve(null);
		}, 5000);
		child.on('exit', (exitCode) => {
			clearTimeout(timer);
			resolve(exitCode);
		});
	});
	return { code, stdout, stderr };
}

async function stopCli(child: ChildProcessWithoutNullStreams) {
	if (child.exitCode !== null) {
		return;
	}
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

describe('sandbox CLI', () => {
	test('--help prints usage', async () => {
		const { code, stdout } = await runCliToExit(['--help']);

		expect(code).toBe(0);
		expect(stdout).toMatch(/^Usage: npm run sandbox -- \[options\]/);
		expect(stdout).toContain('--fault SPEC');
	});

	test('unknown flag exits with 2', async () => {
		const { code, stderr } = await runCliToExit(['--no-such-flag']);

		expect(code).toBe(2);
		expect(stderr).toBe('Unknown option --no-such-flag. Run with --help to list the options.\n');
	});

	test('flag without value exits with 2', async () => {
		const { code, stderr } = await runCliToExit(['--page-size']);

		expect(code).toBe(2);
		expect(stderr).toBe('--page-size needs a value\n');
	});

	test('key, paging, fault and duplicate flags', async () => {
		const { child, baseUrl } = await startCli([
			'--key',
			'test_sk_cli_flags',
			'--page-size',
			'3',
			'--customers',
			'7',
			'--next-mode',
			'back',
			'--duplicate-detail',
			'--fault',
			'kind=status,status=503,method=GET,path=/v2/customers,calls=1+3',
		]);
		try {
			const key = 'test_sk_cli_flags';

			const first = await send(baseUrl, '/v2/customers', { key });
			expect(first.status).toBe(503);
			expect(first.json).toEqual({ status: 'failed', message: 'Service temporarily unavailable', data: null });

			const second = await send(baseUrl, '/v2/customers', { key });
			expect(second.status).toBe(200);
			expect((second.json?.data as IDataObject[]).length).toBe(3);
			expect(second.json?.meta).toEqual({ total: 7, pages: 3, previous: null, next: `${baseUrl}/v2/customers?page=2` });

			expect((await send(baseUrl, '/v2/customers?page=2', { key })).status).toBe(503);
			const pageTwo = await send(baseUrl, '/v2/customers?page=2', { key });
			expect(pageTwo.status).toBe(200);
			expect((pageTwo.json?.meta as IDataObject).next).toBe(`${baseUrl}/v2/customers?page=1`);

			const wrongKey = await send(baseUrl, '/v2/customers/anything', { key: SECRET_KEY });
			expect(wrongKey.status).toBe(401);

			const existing = (second.json?.data as IDataObject[])[0];
			const duplicate = await send(baseUrl, '/v2/customers', {
				method: 'POST',
				key,
				body: {
					email: existing.email,
					first_name: 'Ada',
					last_name: 'Obi',
					address: '1 Road',
					phone: '0801',
					identity: { type: 'bvn', number: '00012345678' },
				},
			});
			expect(duplicate.status).toBe(400);
			expect(duplicate.json?.data).toEqual({ existing_customer: { id: existing.id } });
		} finally {
			await stopCli(child);
		}
	});

	test('rate limit without Retry-After', async () => {
		const { child, baseUrl } = await startCli(['--rate-limit', '2', '--no-retry-after']);
		try {
			// Three requests sent together fall in one second, so the third is over the limit.
			const answers = await Promise.all([1, 2, 3].map(() => send(baseUrl, '/v2/accounts', { key: SECRET_KEY })));

			expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 429]);
			const limited = answers.find((answer) => answer.status === 429);
			expect(limited?.headers.get('retry-after')).toBeNull();
			expect(limited?.json).toEqual({ status: 'failed', message: 'Too many requests, please try again later', data: null });
		} finally {
			await stopCli(child);
		}
	});

	test('rate limit with Retry-After', async () => {
		const { child, baseUrl } = await startCli(['--rate-limit', '1']);
		try {
			const answers = await Promise.all([1, 2].map(() => send(baseUrl, '/v2/accounts', { key: SECRET_KEY })));

			const limited = answers.find((answer) => answer.status === 429);
			expect(limited?.headers.get('retry-after')).toBe('1');
		} finally {
			await stopCli(child);
		}
	});

	test('--faults JSON sets every setting', async () => {
		const { child, baseUrl } = await startCli([
			'--faults',
			JSON.stringify({ pageSize: 4, rules: [{ kind: 'failedInOk', method: 'GET', path: '/v2/customers/:id' }] }),
		]);
		try {
			const list = await send(baseUrl, '/v2/customers', { key: SECRET_KEY });
			expect((list.json?.data as IDataObject[]).length).toBe(4);

			const id = String((list.json?.data as IDataObject[])[0].id);
			const customer = await send(baseUrl, `/v2/customers/${id}`, { key: SECRET_KEY });
			expect(customer.status).toBe(200);
			expect(customer.json).toEqual({ status: 'failed', message: 'Request could not be completed', data: null });
		} finally {
			await stopCli(child);
		}
	});
});

describe('sandbox control endpoint', () => {
	let sandbox: Sandbox;

	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	test('sets faults and lists requests', async () => {
		const set = await send(sandbox.baseUrl, '/__sandbox/faults', {
			method: 'POST',
			body: { rules: [{ kind: 'status', status: 502, path: '/v2/customers', calls: [1] }] },
		});
		expect(set.json).toEqual({ ok: true });

		expect((await send(sandbox.baseUrl, '/v2/customers', { key: SECRET_KEY })).status).toBe(502);
		expect((await send(sandbox.baseUrl, '/v2/customers?page=2', { key: SECRET_KEY })).status).toBe(200);

		const logged = await send(sandbox.baseUrl, '/__sandbox/requests');
		const entries = logged.json as unknown as IDataObject[];
		expect(entries.map((entry) => [entry.method, entry.path, entry.query])).toEqual([
			['GET', '/v2/customers', {}],
			['GET', '/v2/customers', { page: '2' }],
		]);
		expect(entries.every((entry) => !('rawBody' in entry))).toBe(true);

		expect((await send(sandbox.baseUrl, '/__sandbox/requests', { method: 'DELETE' })).json).toEqual({ ok: true });
		expect((await send(sandbox.baseUrl, '/__sandbox/requests')).json).toEqual([]);
	});

	test('reset restores data', async () => {
		const seeded = sandbox.customers.length;
		const id = String(sandbox.customers[0].id);
		expect((await send(sandbox.baseUrl, `/v2/customers/${id}`, { method: 'DELETE', key: SECRET_KEY })).status).toBe(200);
		expect(sandbox.customers).toHaveLength(seeded - 1);

		expect((await send(sandbox.baseUrl, '/__sandbox/reset', { method: 'POST' })).json).toEqual({ ok: true });

		expect(sandbox.customers).toHaveLength(seeded);
		expect(sandbox.requests).toEqual([]);
	});

	test('unknown control path is 404', async () => {
		const answer = await send(sandbox.baseUrl, '/__sandbox/nothing');

		expect(answer.status).toBe(404);
		expect(sandbox.requests).toEqual([]);
	});

	test('listens on loopback only', async () => {
		await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
	});
});

describe('sandbox fault kinds', () => {
	let sandbox: Sandbox;

	beforeEach(async () => {
		sandbox = await startSandbox({ pageSize: 10 });
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	test('drop closes the connection', async () => {
		sandbox.setFaults({ rules: [{ kind: 'drop', method: 'GET', path: '/v2/accounts' }] });

		await expect(send(sandbox.baseUrl, '/v2/accounts', { key: SECRET_KEY })).rejects.toThrow();
		expect((await send(sandbox.baseUrl, '/v2/customers', { key: SECRET_KEY })).status).toBe(200);
	});

	test('slow responds late but responds', async () => {
		sandbox.setFaults({ rules: [{ kind: 'slow', delayMs: 50, path: '/v2/accounts' }] });

		const answer = await send(sandbox.baseUrl, '/v2/accounts', { key: SECRET_KEY, timeoutMs: 2000 });

		expect(answer.status).toBe(200);
		expect(answer.json?.status).toBe('successful');
	});

	test('malformed sends cut-off JSON', async () => {
		sandbox.setFaults({ rules: [{ kind: 'malformed' }] });

		const answer = await send(sandbox.baseUrl, '/v2/customers', { key: SECRET_KEY });

		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.json).toBeUndefined();
	});

	test('share picks the same calls for a seed', async () => {
		const statusesFor = async () => {
			sandbox.setFaults({ seed: 11, rules: [{ kind: 'status', status: 500, share: 0.5 }] });
			const statuses: number[] = [];
			for (let call = 0; call < 20; call++) {
				statuses.push((await send(sandbox.baseUrl, '/v2/accounts', { key: SECRET_KEY })).status);
			}
			return statuses;
		};

		const first = await statusesFor();
		const second = await statusesFor();

		expect(second).toEqual(first);
		expect(first.filter((status) => status === 500).length).toBeGreaterThan(0);
		expect(first.filter((status) => status === 200).length).toBeGreaterThan(0);
	});

	test.each([
		['normal', 3, null],
		['repeat', 2, 2],
		['back', 2, 1],
		['endless', 3, 4],
	])('next mode %s on page %i', async (nextMode, page, next) => {
		sandbox.setFaults({ nextMode });

		const answer = await send(sandbox.baseUrl, `/v2/customers?page=${page}`, { key: SECRET_KEY });

		const meta = answer.json?.meta as IDataObject;
		expect(meta.pages).toBe(3);
		expect(meta.next).toBe(next === null ? null : `${sandbox.baseUrl}/v2/customers?page=${next}`);
	});

	test('page size setting', async () => {
		sandbox.setFaults({ pageSize: 7 });

		const answer = await send(sandbox.baseUrl, '/v2/customers', { key: SECRET_KEY });

		expect((answer.json?.data as IDataObject[]).length).toBe(7);
		expect((answer.json?.meta as IDataObject).pages).toBe(4);
	});

	test('rate-limited requests are counted', async () => {
		sandbox.setFaults({ rateLimit: { perSecond: 1, retryAfter: false } });

		const statuses = await Promise.all([1, 2, 3].map(async () => (await send(sandbox.baseUrl, '/v2/accounts', { key: SECRET_KEY })).status));

		expect(statuses.sort()).toEqual([200, 429, 429]);
		expect(sandbox.faults.rateLimitedCount).toBe(2);
		expect(sandbox.requests).toHaveLength(3);
	});
});
