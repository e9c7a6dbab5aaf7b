'use strict';
// Fault injection for the Mono sandbox: latency, a rate limit, and per-route failures.
//
// Settings (all optional):
//   latencyMs     added delay before every response
//   rateLimit     { perSecond, retryAfter = true }: past perSecond requests in any 1 s window,
//                 respond with 429 (with Retry-After in whole seconds unless retryAfter is false)
//   rules         [{ kind, method, path, calls, share, status, delayMs }], where kind is one of
//                 status (respond with `status`), slow (wait `delayMs`, then respond normally),
//                 drop (close the connection without a response), malformed (a 200 whose body is
//                 cut-off JSON) or failedInOk (a 200 whose body has status "failed");
//                 method and path (":id" matches one segment) pick the requests, and
//                 calls (1-based numbers of matching calls) or share (0..1) pick which of them.
//                 A rule counts only the requests that reach it, so a request that the rate
//                 limit or an earlier rule responded to is not counted
//   nextMode      normal | repeat (each page's next is itself) | back (next is page 1) |
//                 endless (next is always one more page, past meta.pages)
//   pageSize      page size of every list
//   duplicateDetail  send data.existing_customer.id with the duplicate-customer error
//   seed          seed for `share`, so a run can be repeated

const { createRandom } = require('./seed');

const STATUS_MESSAGES = {
	429: 'Too many requests, please try again later',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service temporarily unavailable',
	504: 'Gateway timeout',
};

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function pathPattern(path) {
	const escaped = String(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:id/g, '[^/]+');
	return new RegExp(`^${escaped}/?$`);
}

const FAULT_KINDS = ['status', 'slow', 'drop', 'malformed', 'failedInOk'];
const NEXT_MODES = ['normal', 'repeat', 'back', 'endless'];

/** Throws when fault settings name an unknown fault kind or next mode. */
function checkSettings(settings) {
	for (const rule of settings.rules ?? []) {
		if (!FAULT_KINDS.includes(rule.kind)) {
			throw new Error(`Unknown fault kind "${rule.kind}". Use one of: ${FAULT_KINDS.join(', ')}.`);
		}
	}
	if (settings.nextMode !== undefined && !NEXT_MODES.includes(settings.nextMode)) {
		throw new Error(`Unknown next mode "${settings.nextMode}". Use one of: ${NEXT_MODES.join(', ')}.`);
	}
}

class FaultInjector {
	constructor(settings = {}) {
		checkSettings(settings);
		this.settings = settings;
		this.rules = (settings.rules ?? []).map((rule) => ({
			...rule,
			method: rule.method ? String(rule.method).toUpperCase() : undefined,
			pattern: rule.path ? pathPattern(rule.path) : undefined,
		}));
		this.random = createRandom(settings.seed ?? 7);
		this.resetCounts();
	}

	resetCounts() {
		this.accepted = [];
		this.callCounts = new Map();
		this.limited = 0;
	}

	/** Returns the number of requests the rate limit has rejected with 429 so far. */
	get rateLimitedCount() {
		return this.limited;
	}

	/**
	 * Applies the faults to one request. Returns 'handled' when the fault sent the response (or dropped
	 * the connection), 'malformed' or 'failedInOk' for the server to shape its response, or undefined.
	 */
	async apply(entry, request, response, send) {
		const limit = this.settings.rateLimit;
		if (limit && limit.perSecond > 0) {
			const now = Date.now();
			while (this.accepted.length > 0 && now - this.accepted[0] >= 1000) {
				this.accepted.shift();
			}
			if (this.accepted.length >= limit.perSecond) {
				this.limited++;
				const waitSeconds = Math.max(1, Math.ceil((this.accepted[0] + 1000 - now) / 1000));
				const headers = limit.retryAfter === false ? {} : { 'retry-after': String(waitSeconds) };
				send(429, { status: 'failed', message: STATUS_MESSAGES[429], data: null }, headers);
				return 'handled';
			}
			this.accepted.push(now);
		}

		if (this.settings.latencyMs) {
			await sleep(this.settings.latencyMs);
		}

		for (const [index, rule] of this.rules.entries()) {
			if (rule.method && rule.method !== entry.method) continue;
			if (rule.pattern && !rule.pattern.test(entry.path)) continue;

			const call = (this.callCounts.get(index) ?? 0) + 1;
			this.callCounts.set(index, call);
			const chosen = rule.calls ? rule.calls.includes(call) : this.random() < (rule.share ?? 1);
			if (!chosen) continue;

			switch (rule.kind) {
				case 'status': {
					const status = rule.status ?? 503;
					const headers = rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {};
					send(status, { status: 'failed', message: STATUS_MESSAGES[status] ?? 'Request failed', data: null }, headers);
					return 'handled';
				}
				case 'slow':
					await sleep(rule.delayMs ?? 5000);
					// The request stream has ended by now; only a closed socket means the client left.
					if (response.destroyed || request.socket.destroyed) return 'handled';
					break;
				case 'drop':
					request.socket.destroy();
					return 'handled';
				case 'malformed':
					return 'malformed';
				case 'failedInOk':
					return 'failedInOk';
				default:
					throw new Error(`Unknown sandbox fault kind: ${rule.kind}`);
			}
		}
		return undefined;
	}

	/** Returns the page number a list's `next` should point to, or null for none. */
	nextPageOf(page, pages) {
		switch (this.settings.nextMode ?? 'normal') {
			case 'repeat':
				return page;
			case 'back':
				return page > 1 ? 1 : 2;
			case 'endless':
				return page + 1;
			default:
				return page < pages ? page + 1 : null;
		}
	}
}

module.exports = { FaultInjector };
