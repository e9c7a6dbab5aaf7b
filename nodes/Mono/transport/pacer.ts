import { sleep } from 'n8n-workflow';

const IDLE_RESET_MS = 60_000;

/**
 * Request pacing shared by every item and every run that talks to one Mono base URL in this n8n
 * process. n8n sends a declarative node's items at once, so a rate limit would otherwise turn a
 * bulk run into a storm of 429 responses. The pacer pauses everyone for Retry-After, learns the
 * rate Mono allowed from the successes it saw in the last second, and then spaces requests out.
 */
export class Pacer {
	/** Requests per second, learned from the first 429; undefined while Mono has not limited. */
	private rate: number | undefined;

	private pausedUntil = 0;

	private nextSlotAt = 0;

	private lastLimitedAt = 0;

	private lastRequestAt = 0;

	private readonly recentSuccesses: number[] = [];

	/** Waits until this request may go out. */
	async acquire(): Promise<void> {
		const now = Date.now();

		// A limit learned long ago may have been lifted since, so an idle pacer starts afresh.
		if (now - this.lastRequestAt > IDLE_RESET_MS && now > this.pausedUntil) {
			this.rate = undefined;
		}
		this.lastRequestAt = now;

		let startAt = Math.max(now, this.pausedUntil);

		if (this.rate !== undefined) {
			startAt = Math.max(startAt, this.nextSlotAt);
			this.nextSlotAt = startAt + 1000 / this.rate;
		}

		if (startAt > now) {
			await sleep(startAt - now);
		}
	}

	/** Records a response that was not a 429, and slowly raises the learned rate. */
	recordSuccess(): void {
		const now = Date.now();
		this.recentSuccesses.push(now);
		this.dropOldSuccesses(now);

		// Additive increase: about one more request per second for each second without a 429.
		if (this.rate !== undefined && now - this.lastLimitedAt > 2000) {
			this.rate += 1 / this.rate;
		}
	}

	/** Records a 429: pauses all requests for `waitMs` and lowers the rate to what Mono allowed. */
	recordRateLimited(waitMs: number): void {
		const now = Date.now();
		this.dropOldSuccesses(now);
		this.lastLimitedAt = now;
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);

		const allowed = this.recentSuccesses.length;
		if (allowed > 0) {
			// Stay just under the observed limit, so that clock drift between us and Mono
			// does not push a request over it.
			this.rate = Math.max(1, allowed * 0.95);
		} else if (this.rate !== undefined) {
			this.rate = Math.max(0.5, this.rate / 2);
		}
		this.nextSlotAt = Math.max(this.nextSlotAt, this.pausedUntil);
	}

	private dropOldSuccesses(now: number): void {
		while (this.recentSuccesses.length > 0 && now - this.recentSuccesses[0] > 1000) {
			this.recentSuccesses.shift();
		}
	}
}

const pacers = new Map<string, Pacer>();

/** Returns the pacer for one Mono base URL, creating it on first use. */
export function pacerFor(baseUrl: string): Pacer {
	let pacer = pacers.get(baseUrl);
	if (pacer === undefined) {
		pacer = new Pacer();
		pacers.set(baseUrl, pacer);
	}
	return pacer;
}
