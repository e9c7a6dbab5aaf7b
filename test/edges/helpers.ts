import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunOptions, RunResult } from '../harness/engine';
import { runMono } from '../harness/engine';

// The sandbox is plain JavaScript, so its types are declared here for what the tests read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxModule = require('../../sandbox/server') as {
	startSandbox: (options?: IDataObject) => Promise<Sandbox>;
	DEFAULT_SECRET_KEY: string;
};

/** One request as the sandbox logged it. */
export interface SandboxRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: IDataObject | undefined;
	rawBody: string;
	receivedAt: number;
}

/** The parts of a running sandbox (sandbox/server.js) that the tests use. */
export interface Sandbox {
	baseUrl: string;
	secretKey: string;
	requests: SandboxRequest[];
	customers: IDataObject[];
	accounts: IDataObject[];
	transactionsByAccount: Map<string, IDataObject[]>;
	faults: { rateLimitedCount: number };
	setFaults(settings: IDataObject): void;
	clearRequests(): void;
	reset(): void;
	stop(): Promise<void>;
	route: (...args: unknown[]) => [number, unknown];
}

export const SECRET_KEY = sandboxModule.DEFAULT_SECRET_KEY;

export async function startSandbox(options: IDataObject = {}): Promise<Sandbox> {
	return await sandboxModule.startSandbox(options);
}

/**
 * Starts a fresh sandbox before each test of the calling file and stops it after. Each test gets
 * its own port, so the node's request pacer, which is kept per base URL, starts afresh too.
 */
export function useSandbox(options: IDataObject = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;

	beforeEach(async () => {
		sandbox = await startSandbox(options);
	});
	afterEach(async () => {
		await sandbox?.stop();
		sandbox = undefined;
	});

	return () => {
		if (sandbox === undefined) {
			throw new Error('The sandbox runs only inside a test');
		}
		return sandbox;
	};
}

/** Runs Items → Mono against the sandbox, with the sandbox's secret key unless one is given. */
export async function runAgainst(
	sandbox: Sandbox,
	options: Omit<RunOptions, 'credentials'> & { secretKey?: string },
): Promise<RunResult> {
	const { secretKey, ...rest } = options;
	return await runMono({
		...rest,
		credentials: { baseUrl: sandbox.baseUrl, secretKey: secretKey ?? SECRET_KEY },
	});
}

/** Builds a resource locator value in "By ID" mode. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * Describes each request the sandbox received as one line: method, path, query string and raw
 * body, such as `POST /v2/customers {"email":"..."}` or `GET /v2/customers?page=2`.
 */
export function requestLines(sandbox: Sandbox): string[] {
	return sandbox.requests.map(requestLine);
}

export function requestLine(request: SandboxRequest): string {
	const query = new URLSearchParams(request.query).toString();
	const target = query === '' ? request.path : `${request.path}?${query}`;
	return request.rawBody === '' ? `${request.method} ${target}` : `${request.method} ${target} ${request.rawBody}`;
}

/**
 * Waits until the sandbox has received no new request for `quietMs`, at most `maxMs` in all.
 * A node may still have requests in flight when it reports an error, so this lets them arrive
 * before the test counts them.
 */
export async function waitForQuiet(sandbox: Sandbox, quietMs = 200, maxMs = 3000): Promise<void> {
	const deadline = Date.now() + maxMs;
	let count = -1;
	while (sandbox.requests.length !== count && Date.now() < deadline) {
		count = sandbox.requests.length;
		await new Promise((resolve) => setTimeout(resolve, quietMs));
	}
}

/** Returns the json of each item of one output. */
export function jsonOf(items: INodeExecutionData[] | undefined): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

/** Returns the input item index that each output item is paired with. */
export function pairedIndexesOf(items: INodeExecutionData[] | undefined): unknown[] {
	return (items ?? []).map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') {
			return paired;
		}
		return Array.isArray(paired) ? paired.map((entry) => entry.item) : paired?.item;
	});
}

/** Builds the parameters of a valid individual Create, with any field replaced by `overrides`. */
export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
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
		...overrides,
	};
}

/** Returns the body the node sends for `createParameters()` with the given email. */
export function createBody(email = 'ada.obi@example.com'): IDataObject {
	return {
		type: 'individual',
		email,
		first_name: 'Ada',
		last_name: 'Obi',
		address: '12 Sample Street, Ikeja, Lagos',
		phone: '08012345678',
		identity: { type: 'bvn', number: '00012345678' },
	};
}

/** Returns the error of a failed run, and throws when the run did not fail. */
export function errorOf(result: RunResult) {
	const error = result.error as
		| (Error & { description?: string; httpCode?: string; context?: IDataObject })
		| undefined;
	if (error === undefined) {
		throw new Error(`The run did not fail; Mono output ${JSON.stringify(jsonOf(result.outputs[0]))}`);
	}
	return error;
}

/**
 * Lists a customer's transactions in the order the node outputs them: page by page, and within
 * a page account by account, each with its account id, account name and bank attached.
 */
export function transactionsInPageOrder(sandbox: Sandbox, customerId: string, pageSize: number): IDataObject[] {
	const accounts = sandbox.accounts.filter((account) => (account.customer as IDataObject).id === customerId);
	const lists = accounts.map((account) => sandbox.transactionsByAccount.get(String(account.id)) ?? []);
	const pages = Math.max(1, ...lists.map((list) => Math.ceil(list.length / pageSize)));

	const ordered: IDataObject[] = [];
	for (let page = 1; page <= pages; page++) {
		accounts.forEach((account, index) => {
			for (const transaction of lists[index].slice((page - 1) * pageSize, page * pageSize)) {
				ordered.push({
					...transaction,
					account: account.id,
					account_name: account.name,
					bank: (account.institution as IDataObject).name,
				});
			}
		});
	}
	return ordered;
}
