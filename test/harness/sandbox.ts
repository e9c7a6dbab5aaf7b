import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { RunOptions, RunResult } from './engine';
import { runMono } from './engine';

/** The secret key the sandbox accepts. */
export const SANDBOX_KEY = 'test_sk_sandbox';

/** One request as the sandbox logged it. */
export interface SandboxRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: string;
}

/** A stored customer in Mono's shape: individuals have names, businesses a business name. */
export interface SandboxCustomer extends IDataObject {
	id: string;
	email: string;
	phone: string;
	address: string;
	type?: 'business';
	name?: string;
	first_name?: string;
	last_name?: string;
	business_name?: string;
	identification_no: string;
	identification_type: string;
	bvn: string;
}

/** A linked account in Mono's shape. */
export interface SandboxAccount extends IDataObject {
	id: string;
	name: string;
	institution: { id: string; name: string; bank_code: string; type: string };
	customer: { id: string; name: string; email: string };
}

/** A transaction in Mono's shape, with amounts and balances in kobo. */
export interface SandboxTransaction extends IDataObject {
	id: string;
	type: 'credit' | 'debit';
	amount: number;
	narration: string;
	date: string;
	balance: number;
	category: string | null;
}

/** The parts of the sandbox (sandbox/server.js) that tests read and drive. */
export interface Sandbox {
	baseUrl: string;
	requests: SandboxRequest[];
	customers: SandboxCustomer[];
	accounts: SandboxAccount[];
	transactionsByAccount: Map<string, SandboxTransaction[]>;
	reset(): void;
	clearRequests(): void;
	setFaults(settings: IDataObject): void;
	stop(): Promise<void>;
}

/** A request that reached the sandbox, reduced to the parts the tests assert exactly. */
export interface SentRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The `mono-sec-key` header. */
	key: string | string[] | undefined;
	/** The parsed JSON body, or the raw text when it is not JSON, or undefined when there is none. */
	body: unknown;
}

/**
 * Starts one sandbox on 127.0.0.1 for the enclosing describe block (or file), and stops it after.
 * Before each test it restores the seeded data, clears the request log and removes all faults,
 * because the sandbox's own reset() keeps the faults.
 * Returns a getter, because the sandbox exists only once beforeAll has run.
 */
export function useSandbox(options: { pageSize?: number; customers?: number } = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;

	beforeAll(async () => {
		sandbox = (await startSandbox(options)) as Sandbox;
	});
	afterAll(async () => {
		await sandbox?.stop();
	});
	beforeEach(() => {
		sandbox?.setFaults({});
		sandbox?.reset();
	});

	return () => {
		if (sandbox === undefined) {
			throw new Error('The sandbox is not running: read it inside a test, not at collection time.');
		}
		return sandbox;
	};
}

/** Returns the requests the sandbox received, oldest first. */
export function sentRequests(sandbox: Sandbox): SentRequest[] {
	return sandbox.requests.map((request) => ({
		method: request.method,
		path: request.path,
		query: request.query,
		key: request.headers['mono-sec-key'],
		body: request.rawBody === '' ? undefined : (request.body ?? request.rawBody),
	}));
}

/**
 * Returns the requests sorted by their `page` query value (a missing page counts as 1).
 * List operations fetch later pages at the same time, so their arrival order is not fixed.
 */
export function sentRequestsByPage(sandbox: Sandbox): SentRequest[] {
	const pageOf = (request: SentRequest) => Number(request.query.page ?? 1);
	return sentRequests(sandbox).sort((a, b) => pageOf(a) - pageOf(b) || a.path.localeCompare(b.path));
}

/** Runs the Mono node through n8n's engine against the sandbox, with the sandbox's key unless given. */
export async function runOnSandbox(
	sandbox: Sandbox,
	options: Omit<RunOptions, 'credentials'> & { secretKey?: string },
): Promise<RunResult> {
	const { secretKey = SANDBOX_KEY, ...rest } = options;
	return await runMono({ ...rest, credentials: { baseUrl: sandbox.baseUrl, secretKey } });
}

/** Builds the value of the Customer resource locator in By ID mode. */
export function customerById(id: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'id', value: id };
}
