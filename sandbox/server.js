'use strict';
// A stateful stand-in for Mono's Customers API (api.withmono.com), for tests, the demo and users
// without a key. It listens on loopback only, responds with Mono's envelopes, messages and status
// codes, logs every request it receives, and can be set to misbehave (see faults.js).

const http = require('node:http');
const { seedData, hexId } = require('./seed');
const { FaultInjector } = require('./faults');

const DEFAULT_SECRET_KEY = 'test_sk_sandbox';
const DEFAULT_PAGE_SIZE = 10;
const MAX_ADDRESS_LENGTH = 100;
const BVN_PATTERN = /^\d{11}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const MESSAGES = {
	created: 'Created customer successfully',
	retrieved: 'Customer Data retrieved successfully',
	listed: 'Data retrieved successfully',
	updated: 'Customer updated successfully',
	deleted: 'Deleted customer successfully',
	duplicate: 'Customer already exists with similar credentials (email or names supplied)',
	unknownOnGet: 'Invalid Customer Id, could not fetch customer',
	unknownId: 'Invalid Customer Id',
	noAccount: 'Unable to fetch connected account from customer supplied',
	// Mono documents no body for 401; these two lines are the sandbox's own wording.
	missingKey: 'No secret key provided. Send it in the mono-sec-key header.',
	wrongKey: 'Invalid secret key',
	notFound: 'Route not found',
	validation: 'Validation error',
	// Mono's message for a body that is not JSON is not documented; this is the sandbox's own.
	invalidJson: 'Request body is not valid JSON',
};

function failed(message, data = null) {
	return { status: 'failed', message, data };
}

/** Checks a create or update body; returns Mono-style field errors (empty when valid). */
function fieldErrorsOf(body, { creating }) {
	const errors = [];
	const need = (field, value) => {
		if (creating && (value === undefined || value === null || String(value).trim() === '')) {
			errors.push({ field, message: `${field} is required` });
			return false;
		}
		return value !== undefined;
	};
	const type = body.type ?? 'individual';

	if (body.type !== undefined && !['individual', 'business'].includes(body.type)) {
		errors.push({ field: 'type', message: 'type must be one of individual, business' });
	}
	if (creating && need('email', body.email) && !EMAIL_PATTERN.test(String(body.email))) {
		errors.push({ field: 'email', message: 'email must be an email' });
	}
	if (creating && type === 'business') {
		need('business_name', body.business_name);
	} else if (creating) {
		need('first_name', body.first_name);
		need('last_name', body.last_name);
	}
	if (need('address', body.address) && String(body.address).length > MAX_ADDRESS_LENGTH) {
		errors.push({ field: 'address', message: `address must be shorter than or equal to ${MAX_ADDRESS_LENGTH} characters` });
	}
	need('phone', body.phone);
	if (creating && (body.identity === undefined || body.identity === null)) {
		errors.push({ field: 'identity', message: 'identity is required' });
	} else if (body.identity !== undefined) {
		if (body.identity.type !== 'bvn') {
			errors.push({ field: 'identity.type', message: 'identity.type must be bvn' });
		}
		if (typeof body.identity.number !== 'string' || !BVN_PATTERN.test(body.identity.number)) {
			errors.push({ field: 'identity.number', message: 'identity.number must be an 11-digit BVN with no white spaces' });
		}
	}
	return errors;
}

/** Builds a customer record in Mono's response shape from a create body. */
function customerFromBody(id, body) {
	const identity = body.identity;
	if (body.type === 'business') {
		return {
			id,
			type: 'business',
			business_name: body.business_name,
			email: body.email,
			phone: body.phone,
			address: body.address,
			identification_no: identity.number,
			identification_type: identity.type,
			bvn: identity.number,
		};
	}
	return {
		id,
		name: `${body.first_name} ${body.last_name}`,
		first_name: body.first_name,
		last_name: body.last_name,
		email: body.email,
		phone: body.phone,
		address: body.address,
		identification_no: identity.number,
		identification_type: identity.type,
		bvn: identity.number,
	};
}

/** Applies an update body to a stored customer, field by field as Mono's PATCH documents them. */
function applyUpdate(customer, body) {
	const updated = { ...customer };
	for (const field of ['address', 'phone', 'first_name', 'last_name', 'business_name']) {
		if (body[field] !== undefined) {
			updated[field] = body[field];
		}
	}
	if (body.type === 'business' && updated.type !== 'business') {
		updated.type = 'business';
		updated.business_name = updated.business_name ?? updated.name;
		delete updated.name;
		delete updated.first_name;
		delete updated.last_name;
	}
	if (updated.type !== 'business') {
		updated.name = `${updated.first_name} ${updated.last_name}`;
	}
	if (body.identity !== undefined) {
		updated.identification_no = body.identity.number;
		updated.identification_type = body.identity.type;
		updated.bvn = body.identity.number;
	}
	return updated;
}

class MonoSandbox {
	/**
	 * @param {{ secretKey?: string, pageSize?: number, customers?: number, seed?: number,
	 *   duplicateDetail?: boolean, faults?: object }} [options]
	 */
	constructor(options = {}) {
		this.options = options;
		this.secretKey = options.secretKey ?? DEFAULT_SECRET_KEY;
		/** Every request received, oldest first: method, path, query, headers and parsed body. */
		this.requests = [];
		this.faults = new FaultInjector(options.faults ?? {});
		this.server = http.createServer((request, response) => this.receive(request, response));
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.baseUrl = '';
		this.reset();
	}

	get pageSize() {
		return this.faults.settings.pageSize ?? this.options.pageSize ?? DEFAULT_PAGE_SIZE;
	}

	/** Restores the seeded data and clears the request log and the faults' call counts. */
	reset() {
		const data = seedData({ seed: this.options.seed, customers: this.options.customers });
		this.customers = data.customers;
		this.accounts = data.accounts;
		this.transactionsByAccount = data.transactionsByAccount;
		this.random = data.random;
		this.requests = [];
		this.faults.resetCounts();
	}

	/** Replaces the fault settings; see faults.js for their shape. */
	setFaults(settings) {
		this.faults = new FaultInjector(settings ?? {});
	}

	clearRequests() {
		this.requests = [];
	}

	/** Starts listening on 127.0.0.1 (port 0 picks a free port) and returns the base URL. */
	async start(port = 0, host = '127.0.0.1') {
		if (!LOOPBACK_HOSTS.has(host)) {
			throw new Error(`The sandbox listens on loopback only; ${host} is not a loopback address.`);
		}
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => resolve(undefined));
		});
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
		this.baseUrl = `http://${hostText}:${address.port}`;
		return this.baseUrl;
	}

	async stop() {
		for (const socket of this.sockets) {
			socket.destroy();
		}
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	async receive(request, response) {
		const chunks = [];
		for await (const chunk of request) {
			chunks.push(chunk);
		}
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(request.url ?? '/', this.baseUrl || 'http://127.0.0.1');
		// A body that is not JSON stays undefined, and route() rejects it.
		let body;
		try {
			body = rawBody === '' ? undefined : JSON.parse(rawBody);
		} catch {
			body = undefined;
		}

		if (url.pathname.startsWith('/__sandbox/')) {
			this.control(request.method ?? 'GET', url.pathname, body, response);
			return;
		}

		const entry = {
			method: request.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...request.headers },
			body,
			rawBody,
			receivedAt: Date.now(),
		};
		this.requests.push(entry);

		const reply = await this.faults.apply(entry, request, response, (status, payload, headers) =>
			this.send(response, status, payload, headers),
		);
		if (reply === 'handled') {
			return;
		}
		const [status, payload] = this.route(entry, url);
		const shaped = reply === 'failedInOk' ? [200, failed('Request could not be completed')] : [status, payload];
		if (reply === 'malformed') {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"status":"successful","message":"Data retrieved successfully","data":[{"id":');
			return;
		}
		this.send(response, shaped[0], shaped[1]);
	}

	send(response, status, payload, headers = {}) {
		if (response.destroyed) {
			return;
		}
		response.writeHead(status, { 'content-type': 'application/json', ...headers });
		response.end(JSON.stringify(payload));
	}

	/** Serves the loopback-only control API, for tests that run the sandbox in another process. */
	control(method, path, body, response) {
		if (method === 'POST' && path === '/__sandbox/faults') {
			try {
				this.setFaults(body ?? {});
			} catch (error) {
				this.send(response, 400, failed(error.message));
				return;
			}
			this.send(response, 200, { ok: true });
		} else if (method === 'POST' && path === '/__sandbox/reset') {
			this.reset();
			this.send(response, 200, { ok: true });
		} else if (method === 'GET' && path === '/__sandbox/requests') {
			this.send(response, 200, this.requests.map(({ rawBody, ...rest }) => rest));
		} else if (method === 'DELETE' && path === '/__sandbox/requests') {
			this.clearRequests();
			this.send(response, 200, { ok: true });
		} else {
			this.send(response, 404, failed(MESSAGES.notFound));
		}
	}

	/** Routes one request as Mono would and returns [status, body]. */
	route(entry, url) {
		const key = entry.headers['mono-sec-key'];
		if (key === undefined || key === '') {
			return [401, failed(MESSAGES.missingKey)];
		}
		if (key !== this.secretKey) {
			return [401, failed(MESSAGES.wrongKey)];
		}

		if (entry.rawBody !== '' && entry.body === undefined) {
			return [400, failed(MESSAGES.invalidJson)];
		}

		const { method, path } = entry;
		const customerMatch = /^\/v2\/customers\/([^/]+)$/.exec(path);
		const transactionsMatch = /^\/v2\/customers\/([^/]+)\/transactions$/.exec(path);
		const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);

		if (path === '/v2/customers' && method === 'POST') {
			return this.createCustomer(entry.body ?? {});
		}
		if (path === '/v2/customers' && method === 'GET') {
			return [200, { status: 'successful', message: MESSAGES.listed, ...this.paged(this.customers, page, '/v2/customers') }];
		}
		if (customerMatch && method === 'GET') {
			const customer = this.findCustomer(decodeURIComponent(customerMatch[1]));
			return customer ? [200, { status: 'successful', message: MESSAGES.retrieved, data: customer }] : [400, failed(MESSAGES.unknownOnGet)];
		}
		if (customerMatch && method === 'PATCH') {
			return this.updateCustomer(decodeURIComponent(customerMatch[1]), entry.body ?? {});
		}
		if (customerMatch && method === 'DELETE') {
			const id = decodeURIComponent(customerMatch[1]);
			const before = this.customers.length;
			this.customers = this.customers.filter((customer) => customer.id !== id);
			return this.customers.length < before
				? [200, { status: 'successful', message: MESSAGES.deleted, data: null }]
				: [400, failed(MESSAGES.unknownId)];
		}
		if (transactionsMatch && method === 'GET') {
			return this.customerTransactions(decodeURIComponent(transactionsMatch[1]), url, page);
		}
		if ((path === '/v2/accounts' || path === '/v2/accounts/') && method === 'GET') {
			const listed = this.paged(this.accounts, page, '/v2/accounts');
			return [200, { status: 'successful', message: MESSAGES.listed, timestamp: new Date().toISOString(), ...listed }];
		}
		return [404, failed(MESSAGES.notFound)];
	}

	findCustomer(id) {
		return this.customers.find((customer) => customer.id === id);
	}

	createCustomer(body) {
		const errors = fieldErrorsOf(body, { creating: true });
		if (errors.length > 0) {
			return [400, failed(MESSAGES.validation, errors)];
		}
		const email = String(body.email).toLowerCase();
		const existing = this.customers.find((customer) => String(customer.email).toLowerCase() === email);
		if (existing) {
			const detail = this.options.duplicateDetail || this.faults.settings.duplicateDetail;
			return [400, failed(MESSAGES.duplicate, detail ? { existing_customer: { id: existing.id } } : null)];
		}
		const customer = customerFromBody(hexId(this.random), body);
		this.customers.push(customer);
		return [201, { status: 'successful', message: MESSAGES.created, data: customer }];
	}

	updateCustomer(id, body) {
		const index = this.customers.findIndex((customer) => customer.id === id);
		if (index === -1) {
			return [400, failed(MESSAGES.unknownId)];
		}
		const errors = fieldErrorsOf(body, { creating: false });
		if (errors.length > 0) {
			return [400, failed(MESSAGES.validation, errors)];
		}
		this.customers[index] = applyUpdate(this.customers[index], body);
		return [200, { status: 'successful', message: MESSAGES.updated, data: null }];
	}

	customerTransactions(id, url, page) {
		if (!this.findCustomer(id)) {
			return [400, failed(MESSAGES.unknownOnGet)];
		}
		const accountFilter = url.searchParams.get('account');
		const period = url.searchParams.get('period') ?? 'last12months';
		const months = Number(/^last(\d+)months$/.exec(period)?.[1] ?? 12);
		const since = Date.UTC(2026, 10, 28) - months * 30 * 86_400_000;
		const accounts = this.accounts.filter(
			(account) => account.customer.id === id && (accountFilter === null || account.id === accountFilter),
		);
		if (accounts.length === 0) {
			return [404, failed(MESSAGES.noAccount)];
		}

		const query = new URLSearchParams(url.searchParams);
		query.delete('page');
		const path = `/v2/customers/${encodeURIComponent(id)}/transactions`;
		const data = accounts.map((account) => {
			const transactions = (this.transactionsByAccount.get(account.id) ?? []).filter(
				(transaction) => Date.parse(transaction.date) >= since,
			);
			const paged = this.paged(transactions, page, path, query);
			return {
				account: account.id,
				account_name: account.name,
				bank: account.institution.name,
				account_transaction_data: {
					errored: false,
					error: null,
					data: {
						status: 'successful',
						message: 'Transactions retrieved successfully',
						data: { transactions: paged.data, meta: paged.meta },
					},
				},
			};
		});
		return [200, { status: 'successful', message: MESSAGES.listed, data }];
	}

	/** Cuts one page out of a list and builds Mono's meta, with absolute next/previous URLs. */
	paged(records, page, path, query = new URLSearchParams()) {
		const size = this.pageSize;
		const pages = Math.max(1, Math.ceil(records.length / size));
		const urlOf = (number) => {
			const params = new URLSearchParams(query);
			params.set('page', String(number));
			return `${this.baseUrl}${path}?${params}`;
		};
		const next = this.faults.nextPageOf(page, pages);
		return {
			data: records.slice((page - 1) * size, page * size),
			meta: {
				total: records.length,
				pages,
				previous: page > 1 ? urlOf(page - 1) : null,
				next: next === null ? null : urlOf(next),
			},
		};
	}
}

/** Creates a sandbox and starts it; resolves once it listens. */
async function startSandbox(options = {}) {
	const sandbox = new MonoSandbox(options);
	await sandbox.start(options.port ?? 0, options.host ?? '127.0.0.1');
	return sandbox;
}

module.exports = { MonoSandbox, startSandbox, DEFAULT_SECRET_KEY, DEFAULT_PAGE_SIZE, MESSAGES };
