import axios from 'axios';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { MonoApi } from '../credentials/MonoApi.credentials';
import { Mono } from '../nodes/Mono/Mono.node';
import { MonoCredentialsHelper } from './harness/credentials';
import { runOnSandbox, SANDBOX_KEY, sentRequests, useSandbox } from './harness/sandbox';

const credentialType = new MonoApi();
const monoNodeType = new Mono();

const nodeTypes: INodeTypes = {
	getByName: () => monoNodeType,
	getByNameAndVersion: (_type: string, version?: number) => NodeHelpers.getVersionedNodeType(monoNodeType, version),
	getKnownTypes: () => ({}),
};

const monoNode: INode = {
	id: 'mono',
	name: 'Mono',
	type: 'n8n-nodes-mono.mono',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { monoApi: { id: '1', name: 'Mono account' } },
};

const workflow = new Workflow({ id: 'credential-test', nodes: [monoNode], connections: {}, active: false, nodeTypes });

function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) {
		return value;
	}
	return workflow.expression.getSimpleParameterValue(monoNode, value, 'internal', { $credentials: credentials }, undefined, '');
}

/**
 * Builds the credential's test request the way n8n's credential dialog does: expressions are
 * resolved with `$credentials`, then the credential's `authenticate` adds the key header.
 * NOTE: n8n's own credential tester is in the n8n CLI package, which is not installed here, so
 * these steps rebuild it and may differ from it in details such as extra default headers.
 */
async function testRequestFor(credentials: ICredentialDataDecryptedObject): Promise<IHttpRequestOptions> {
	const { request } = credentialType.test;
	const resolved: IHttpRequestOptions = {
		method: request.method,
		baseURL: resolve(request.baseURL, credentials) as string,
		url: resolve(request.url, credentials) as string,
		headers: { ...(request.headers ?? {}) },
	};
	const helper = new MonoCredentialsHelper(credentials);
	return await helper.authenticate(credentials, credentialType.name, resolved, workflow, monoNode);
}

/** Sends the credential's test request and returns the HTTP status and body. */
async function runCredentialTest(credentials: ICredentialDataDecryptedObject) {
	const options = await testRequestFor(credentials);
	const response = await axios.request({
		method: options.method,
		baseURL: options.baseURL,
		url: options.url,
		headers: options.headers as Record<string, string>,
		validateStatus: () => true,
		timeout: 10_000,
	});
	return { status: response.status, body: response.data as { status?: string; message?: string } };
}

describe('Credential test request', () => {
	const getSandbox = useSandbox();

	test('declares GET of customers', () => {
		expect(credentialType.test.request.method).toBe('GET');
		expect(credentialType.test.request.url).toBe('/v2/customers');
		expect(credentialType.test.request.headers).toEqual({ Accept: 'application/json' });
	});

	test('right key passes', async () => {
		const sandbox = getSandbox();

		const response = await runCredentialTest({ baseUrl: sandbox.baseUrl, secretKey: SANDBOX_KEY });

		expect(response.status).toBe(200);
		expect(response.body.status).toBe('successful');
	});

	test('wrong key fails', async () => {
		const sandbox = getSandbox();

		const response = await runCredentialTest({ baseUrl: sandbox.baseUrl, secretKey: 'test_sk_wrong' });

		expect(response.status).toBe(401);
		expect(response.body).toEqual({ status: 'failed', message: 'Invalid secret key', data: null });
	});

	test('empty key fails', async () => {
		const sandbox = getSandbox();

		const response = await runCredentialTest({ baseUrl: sandbox.baseUrl, secretKey: '' });

		expect(response.status).toBe(401);
	});

	test('sends exact test request', async () => {
		const sandbox = getSandbox();

		await runCredentialTest({ baseUrl: sandbox.baseUrl, secretKey: SANDBOX_KEY });

		expect(sentRequests(sandbox)).toEqual([
			{ method: 'GET', path: '/v2/customers', query: {}, key: SANDBOX_KEY, body: undefined },
		]);
		expect(sandbox.requests[0].headers.accept).toBe('application/json');
	});

	test('trims spaces around key', async () => {
		const sandbox = getSandbox();

		const response = await runCredentialTest({ baseUrl: sandbox.baseUrl, secretKey: `  ${SANDBOX_KEY}\n` });

		expect(response.status).toBe(200);
		expect(sentRequests(sandbox)[0].key).toBe(SANDBOX_KEY);
	});

	test('drops trailing slash of base URL', async () => {
		const sandbox = getSandbox();

		const response = await runCredentialTest({ baseUrl: `${sandbox.baseUrl}/`, secretKey: SANDBOX_KEY });

		expect(response.status).toBe(200);
		expect(sentRequests(sandbox)[0].path).toBe('/v2/customers');
	});

	test('empty base URL means Mono', async () => {
		const options = await testRequestFor({ baseUrl: '', secretKey: SANDBOX_KEY });

		expect(options.baseURL).toBe('https://api.withmono.com');
	});
});

describe('Credential fields', () => {
	test('secret key is a password', () => {
		const secretKey = credentialType.properties.find((property) => property.name === 'secretKey');
		expect(secretKey?.typeOptions?.password).toBe(true);
		expect(secretKey?.required).toBe(true);
	});

	test('base URL defaults to Mono', () => {
		const baseUrl = credentialType.properties.find((property) => property.name === 'baseUrl');
		expect(baseUrl?.default).toBe('https://api.withmono.com');
	});

	test('notice names both key kinds', () => {
		const notice = credentialType.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toContain('test_sk_');
		expect(notice?.displayName).toContain('live_sk_');
	});
});

describe('Credential in node runs', () => {
	const getSandbox = useSandbox();

	test('node sends trimmed key', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 1 },
			secretKey: ` ${SANDBOX_KEY}  `,
		});

		expect(result.error).toBeUndefined();
		expect(sentRequests(sandbox).map((request) => request.key)).toEqual([SANDBOX_KEY]);
	});

	test('node reports wrong key', async () => {
		const sandbox = getSandbox();

		const result = await runOnSandbox(sandbox, {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 1 },
			secretKey: 'test_sk_wrong',
		});

		expect(result.error?.message).toContain('Mono rejected the secret key');
		expect(result.error?.message).toContain('[item 0]');
		expect(result.error?.description).toContain('Check the Secret Key in the Mono API credential');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});
});
