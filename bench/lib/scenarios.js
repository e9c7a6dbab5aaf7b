// @ts-check
'use strict';
// The three benchmark scenarios. Each scenario lists its variants (the workflows or programs it
// compares), prepares the sandbox before every run of a variant, reads the figures of one run,
// and sums up its runs into medians and ratios.

const { median, range, ratio } = require('./stats');
const { BENCH_NODE } = require('./workflows');

/** Secret key the sandbox accepts. */
const SECRET_KEY = 'test_sk_sandbox';

/** Customers seeded into the one sandbox that every scenario uses. */
const SEEDED_CUSTOMERS = 10_000;
const PAGE_SIZE = 100;

const BULK_CREATE_ITEMS = 1000;
const RATE_LIMIT_PER_SECOND = 50;
/** The fastest a rate limit of RATE_LIMIT_PER_SECOND allows BULK_CREATE_ITEMS creates, in ms. */
const BULK_CREATE_FLOOR_MS = (BULK_CREATE_ITEMS / RATE_LIMIT_PER_SECOND) * 1000;

/**
 * Batching of the hand-tuned HTTP Request node: a batch of this many items every this many ms.
 * 50 per 1000 ms is exactly the limit, and requests of one batch reach the sandbox a few ms
 * apart, so a batch can overlap the previous one inside the sandbox's sliding 1 s window. The
 * extra 100 ms leave room for that.
 */
const TUNED_BATCH_SIZE = 50;
const TUNED_BATCH_INTERVAL_MS = 1100;

const RETURN_ALL_LATENCY_MS = 30;
const PER_ITEM_COUNT = 1000;

/**
 * A diagnostic variant: the same workflow with n8n's deprecated `legacy` expression engine in
 * place of the default `vm` engine (isolated-vm in n8n 2.40.7), to show how much of a node's time
 * goes into evaluating expressions. Users get the `vm` engine, so the targets use the default.
 */
const LEGACY_ENGINE = {
	env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	diagnostic: true,
	labelSuffix: 'legacy expression engine (diagnostic)',
};

const FIRST_NAMES = ['Adaeze', 'Bolanle', 'Chidi', 'Damilola', 'Ebuka', 'Folake', 'Gbenga', 'Halima'];
const LAST_NAMES = ['Benchley', 'Loadwell', 'Timings', 'Sampleton'];

/**
 * Builds the request bodies of the bulk-create items, in Mono's create shape. Emails use the
 * reserved example.com domain and BVNs start with 000, which no real BVN does.
 */
function createBodies(count) {
	return Array.from({ length: count }, (_, index) => {
		const number = String(index + 1).padStart(5, '0');
		return {
			type: 'individual',
			email: `bench.customer${number}@example.com`,
			first_name: FIRST_NAMES[index % FIRST_NAMES.length],
			last_name: LAST_NAMES[index % LAST_NAMES.length],
			address: `${(index % 90) + 1} Bench Street, Ikeja, Lagos`,
			phone: `0700${String(index).padStart(7, '0')}`,
			identity: { type: 'bvn', number: `000${String(index).padStart(8, '0')}` },
		};
	});
}

/**
 * Returns what one node did in a run: `{ outputs, executionTime, error }` as
 * scripts/n8n/n8n-cli.js reads it from `n8n execute --rawOutput`. Throws when the node did not run.
 */
function nodeRunOf(execution, nodeName = BENCH_NODE) {
	const nodeRun = execution.nodes?.[nodeName];
	if (nodeRun === undefined) {
		const ran = Object.keys(execution.nodes ?? {}).join(', ') || 'none';
		throw new Error(`The node "${nodeName}" did not run (nodes that ran: ${ran}; n8n error: ${execution.error ?? 'none'})\n${String(execution.stderr ?? '').slice(-2000)}`);
	}
	return nodeRun;
}

/** Returns the json of every item on the node's first output. */
function outputJsonOf(nodeRun) {
	return nodeRun.outputs?.[0] ?? [];
}

/** Counts the requests in the sandbox log with the given method and path. */
function countRequests(sandbox, method, path) {
	return sandbox.requests.filter((entry) => entry.method === method && entry.path === path).length;
}

/**
 * Returns when the first request reached the sandbox after the node started, and the time from
 * the first to the last request, in ms. Both times come from this machine's clock.
 */
function requestTimelineOf(sandbox, nodeStartedAt) {
	const requests = sandbox.requests;
	if (requests.length === 0 || typeof nodeStartedAt !== 'number') {
		return { firstRequestMs: null, requestSpanMs: null };
	}
	const first = requests[0].receivedAt;
	const last = requests[requests.length - 1].receivedAt;
	return { firstRequestMs: first - nodeStartedAt, requestSpanMs: last - first };
}

/** Counts the error items by the HTTP status code in their error, or 'other'. */
function errorKindsOf(items) {
	const kinds = {};
	for (const item of items) {
		if (item.error === undefined) {
			continue;
		}
		const code = item.details?.httpCode ?? item.error?.status ?? item.error?.httpCode ?? /\b(\d{3})\b/.exec(JSON.stringify(item.error))?.[1] ?? 'other';
		kinds[code] = (kinds[code] ?? 0) + 1;
	}
	return kinds;
}

/** Returns median and range of one field over a variant's runs. */
function summarise(runs, field) {
	const values = runs.map((run) => run[field]).filter((value) => typeof value === 'number');
	return { median: median(values), range: range(values), values };
}

/** Bulk create: 1,000 creates against a sandbox that allows 50 requests per second. */
const bulkCreate = {
	key: 'bulk-create',
	title: 'Bulk create',
	inputItems: BULK_CREATE_ITEMS,
	description: `${BULK_CREATE_ITEMS} Create items against a sandbox limiting to ${RATE_LIMIT_PER_SECOND} requests/s with 429 and Retry-After`,
	variants: [
		{ key: 'mono', label: 'Mono node (no tuning)', workflow: 'bulk-create-mono.json' },
		{ ...LEGACY_ENGINE, key: 'monoLegacy', label: `Mono node, ${LEGACY_ENGINE.labelSuffix}`, workflow: 'bulk-create-mono.json' },
		{ key: 'httpDefault', label: 'HTTP Request node, defaults', workflow: 'bulk-create-http-default.json' },
		{
			key: 'httpTuned',
			label: `HTTP Request node, batches of ${TUNED_BATCH_SIZE} every ${TUNED_BATCH_INTERVAL_MS} ms, retry on fail`,
			workflow: 'bulk-create-http-tuned.json',
		},
	],
	workflowValues() {
		return {
			ITEMS: createBodies(BULK_CREATE_ITEMS),
			BATCH_SIZE: TUNED_BATCH_SIZE,
			BATCH_INTERVAL_MS: TUNED_BATCH_INTERVAL_MS,
		};
	},

	prepare(sandbox) {
		sandbox.reset();
		sandbox.setFaults({ rateLimit: { perSecond: RATE_LIMIT_PER_SECOND, retryAfter: true } });
	},

	measure(sandbox, execution) {
		const task = nodeRunOf(execution);
		const items = outputJsonOf(task);
		const failedItems = items.filter((item) => item.error !== undefined).length;
		const created = sandbox.customers.length - SEEDED_CUSTOMERS;
		return {
			nodeMs: task.executionTime,
			nodeError: task.error,
			outputItems: items.length,
			failedItems,
			errorKinds: errorKindsOf(items),
			created,
			requests: countRequests(sandbox, 'POST', '/v2/customers'),
			rateLimited: sandbox.faults.rateLimitedCount,
			floorRatio: task.executionTime / BULK_CREATE_FLOOR_MS,
			...requestTimelineOf(sandbox, execution.nodeStartedAt),
		};
	},

	summarise(runsByVariant) {
		const rows = {};
		for (const [key, runs] of Object.entries(runsByVariant)) {
			rows[key] = {
				nodeMs: summarise(runs, 'nodeMs'),
				failedItems: summarise(runs, 'failedItems'),
				created: summarise(runs, 'created'),
				requests: summarise(runs, 'requests'),
				rateLimited: summarise(runs, 'rateLimited'),
				floorRatio: summarise(runs, 'floorRatio'),
				firstRequestMs: summarise(runs, 'firstRequestMs'),
				requestSpanMs: summarise(runs, 'requestSpanMs'),
			};
		}
		const mono = rows.mono;
		const target = mono
			? {
					failedItemsZero: mono.failedItems.values.length > 0 && mono.failedItems.values.every((value) => value === 0),
					floorRatio: mono.floorRatio.median,
					floorRatioMet: mono.floorRatio.median !== null && mono.floorRatio.median <= 1.15,
				}
			: undefined;
		return { floorMs: BULK_CREATE_FLOOR_MS, rows, target };
	},
};

/** Return All: 10,000 customers in pages of 100, with 30 ms added to every request. */
const returnAll = {
	key: 'return-all',
	title: 'Return All',
	inputItems: 1,
	description: `${SEEDED_CUSTOMERS} customers, page size ${PAGE_SIZE}, ${RETURN_ALL_LATENCY_MS} ms added latency per request`,
	variants: [
		{ key: 'mono', label: 'Mono node, Return All', workflow: 'return-all-mono.json' },
		{ key: 'http', label: 'HTTP Request node following meta.next', workflow: 'return-all-http.json' },
	],
	workflowValues() {
		return {};
	},

	prepare(sandbox) {
		sandbox.reset();
		sandbox.setFaults({ latencyMs: RETURN_ALL_LATENCY_MS });
	},

	measure(sandbox, execution, variant) {
		const task = nodeRunOf(execution);
		const items = outputJsonOf(task);
		const requests = countRequests(sandbox, 'GET', '/v2/customers');
		const expectedIds = sandbox.customers.map((customer) => customer.id);

		// Both variants must end with every customer, once each, in the sandbox's page order.
		let customers = items;
		let splitMs = null;
		if (variant.key === 'http') {
			customers = items.flatMap((page) => (Array.isArray(page.data) ? page.data : []));
			splitMs = execution.nodes?.['Split Pages']?.executionTime ?? null;
		}
		const ids = customers.map((customer) => customer.id);
		const duplicates = ids.length - new Set(ids).size;
		const inPageOrder = ids.length === expectedIds.length && ids.every((id, index) => id === expectedIds[index]);

		return {
			nodeMs: task.executionTime,
			nodeError: task.error,
			splitMs,
			outputItems: items.length,
			customers: ids.length,
			duplicates,
			inPageOrder,
			requests,
		};
	},

	summarise(runsByVariant) {
		const rows = {};
		for (const [key, runs] of Object.entries(runsByVariant)) {
			rows[key] = {
				nodeMs: summarise(runs, 'nodeMs'),
				splitMs: summarise(runs, 'splitMs'),
				requests: summarise(runs, 'requests'),
				customers: summarise(runs, 'customers'),
				duplicates: summarise(runs, 'duplicates'),
				allInPageOrder: runs.length > 0 && runs.every((run) => run.inPageOrder),
			};
		}
		const timeRatio = ratio(rows.mono?.nodeMs.median ?? null, rows.http?.nodeMs.median ?? null);
		const monoRuns = runsByVariant.mono ?? [];
		const target = {
			requestsExactly100: monoRuns.length > 0 && monoRuns.every((run) => run.requests === 100),
			timeRatio,
			timeRatioMet: timeRatio !== null && timeRatio <= 0.35,
			orderAndNoDuplicates: monoRuns.length > 0 && monoRuns.every((run) => run.inPageOrder && run.duplicates === 0),
		};
		return { rows, target };
	},
};

/** Per-item overhead: 1,000 Get items against raw axios, no latency and no limit. */
const perItem = {
	key: 'per-item',
	title: 'Per-item overhead',
	inputItems: PER_ITEM_COUNT,
	description: `Get for ${PER_ITEM_COUNT} items, no added latency, no rate limit, against a raw axios loop sending all at once`,
	variants: [
		{ key: 'mono', label: 'Mono node, Get', workflow: 'get-mono.json' },
		{ key: 'http', label: 'HTTP Request node, GET per item', workflow: 'get-http.json' },
		{ ...LEGACY_ENGINE, key: 'monoLegacy', label: `Mono node, Get, ${LEGACY_ENGINE.labelSuffix}`, workflow: 'get-mono.json' },
		{ key: 'raw', label: 'raw axios, all requests at once', program: 'raw-get.js' },
	],
	workflowValues(sandbox) {
		return { ITEMS: this.customerIds(sandbox).map((id) => ({ id })) };
	},

	/** Picks ids spread over the seeded list, so lookups cost the sandbox the same on average. */
	customerIds(sandbox) {
		const step = Math.floor(sandbox.customers.length / PER_ITEM_COUNT);
		return Array.from({ length: PER_ITEM_COUNT }, (_, index) => sandbox.customers[index * step].id);
	},

	prepare(sandbox) {
		sandbox.reset();
		sandbox.setFaults({});
	},

	measure(sandbox, execution) {
		const task = nodeRunOf(execution);
		const items = outputJsonOf(task);
		return {
			nodeMs: task.executionTime,
			nodeError: task.error,
			outputItems: items.length,
			failedItems: items.filter((item) => item.error !== undefined).length,
			requests: sandbox.requests.filter((entry) => entry.method === 'GET').length,
			...requestTimelineOf(sandbox, execution.nodeStartedAt),
		};
	},

	measureRaw(sandbox, printed) {
		return {
			nodeMs: printed.elapsedMs,
			outputItems: printed.succeeded,
			failedItems: printed.failed,
			requests: sandbox.requests.filter((entry) => entry.method === 'GET').length,
			peakRss: printed.peakRss,
		};
	},

	summarise(runsByVariant) {
		const rows = {};
		for (const [key, runs] of Object.entries(runsByVariant)) {
			rows[key] = {
				nodeMs: summarise(runs, 'nodeMs'),
				failedItems: summarise(runs, 'failedItems'),
				requests: summarise(runs, 'requests'),
				peakRss: summarise(runs, 'peakRss'),
				peakTreeRss: summarise(runs, 'peakTreeRss'),
				firstRequestMs: summarise(runs, 'firstRequestMs'),
				requestSpanMs: summarise(runs, 'requestSpanMs'),
			};
		}
		const timeRatio = ratio(rows.mono?.nodeMs.median ?? null, rows.raw?.nodeMs.median ?? null);
		const httpRatio = ratio(rows.http?.nodeMs.median ?? null, rows.raw?.nodeMs.median ?? null);
		const legacyRatio = ratio(rows.monoLegacy?.nodeMs.median ?? null, rows.raw?.nodeMs.median ?? null);
		return {
			items: PER_ITEM_COUNT,
			rows,
			httpRatio,
			legacyRatio,
			target: { timeRatio, timeRatioMet: timeRatio !== null && timeRatio <= 1.3 },
		};
	},
};

const SCENARIOS = [bulkCreate, returnAll, perItem];

module.exports = {
	SCENARIOS,
	SECRET_KEY,
	SEEDED_CUSTOMERS,
	PAGE_SIZE,
	BULK_CREATE_FLOOR_MS,
	createBodies,
};
