import { sleep } from 'n8n-workflow';

const IDLE_RESET_MS = 60_000;

/** A rate learned from a 429 is raised only after this long without another 429. */
const INCREASE_AFTER_MS = 5_000;

/** Share of the observed rate to pace at: close to Mono's limit, with room for clock drift. */
const SHARE_OF_OBSERVED_RATE = 0.99;

/**
 * Requests in flight at once per base URL. Without a cap, a run of 1,000 items would open
 * 1,000 connections at once and, under a rate limit, collect hundreds of 429s before the
 * pacer could act. NOTE: chosen by measurement against the local sandbox; Mono publishes no
 * concurrency limit.
 */
export const MAX_IN_FLIGHT = 32;

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

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** Waits until this request may go out; call `release` once its response has arrived. */
	async acquire(): Promise<void> {
		if (this.inFlight >= MAX_IN_FLIGHT) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.inFlight++;
		}

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

	/** Frees the in-flight slot of a finished request for the next waiting one. */
	release(): void {
		const next = this.waiting.shift();
		if (next === undefined) {
			this.inFlight--;
		} else {
			// The slot passes straight to the next request, so the count stays the same.
			next();
		}
	}

	/** Records a response that was not a 429, and slowly raises the learned rate. */
	recordSuccess(): void {
		const now = Date.now();
		this.recentSuccesses.push(now);
		this.dropOldSuccesses(now);

		// Additive increase: about one more request per second for each second without a 429.
		if (this.rate !== undefined && now - this.lastLimitedAt > INCREASE_AFTER_MS) {
			this.rate += 1 / this.rate;
		}
	}

	/**
	 * Records a 429 whose request will wait `waitMs`. The first one pauses all requests for that
	 * long and learns the rate from the successes of the last second. Once a rate is known, a
	 * 429 only lowers it, unless nothing at all succeeded in the last second.
	 */
	recordRateLimited(waitMs: number): void {
		const now = Date.now();
		this.dropOldSuccesses(now);
		this.lastLimitedAt = now;
		const allowed = this.recentSuccesses.length;

		if (this.rate === undefined || allowed === 0) {
			this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
			this.nextSlotAt = Math.max(this.nextSlotAt, this.pausedUntil);
		}

		if (allowed > 0) {
			const observed = Math.max(1, allowed * SHARE_OF_OBSERVED_RATE);
			this.rate = this.rate === undefined ? observed : Math.min(this.rate, observed);
		} else if (this.rate !== undefined) {
			this.rate = Math.max(0.5, this.rate / 2);
		}
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
