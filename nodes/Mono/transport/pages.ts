import type { DeclarativeRestApiSettings, IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { malformedResponseError } from './errors';
import type { MonoEnvelope, RetrySettings } from './request';
import { sendToMono } from './request';

/** Pages fetched at once after the first page has given their count. */
export const PAGE_CONCURRENCY = 6;

/**
 * Pages a list may have before the node stops. Mono's meta.pages is trusted only up to here,
 * so that a broken meta cannot start an endless run. NOTE: an estimate of a generous size,
 * not a limit Mono documents.
 */
export const MAX_PAGES = 10_000;

/** One page of a list as the node reads it. */
export interface Page {
	number: number;
	envelope: MonoEnvelope;
	records: IDataObject[];
}

/** How to read a list endpoint's pages. */
export interface ListSpec {
	/** Reads the records from a page; throws on a page of the wrong shape. */
	recordsOf: (envelope: MonoEnvelope, pageNumber: number) => IDataObject[];
	/** Reads the page count and the next page's number from a page. */
	pagingOf: (envelope: MonoEnvelope) => { pages?: number; next?: number | null };
	/** Keeps only the records the user asked for; all records when absent. */
	keep?: (record: IDataObject) => boolean;
	/** Stop once this many matching records are in hand; all pages when absent. */
	limit?: number;
	/** Names the customer in errors. */
	customerId?: string;
}

/** Reads the page number from one of Mono's absolute `next`/`previous` URLs. */
export function pageNumberOf(url: unknown): number | null {
	if (url === null || url === undefined || url === '') {
		return null;
	}
	const match = /[?&]page=(\d+)/.exec(String(url));
	return match ? Number(match[1]) : Number.NaN;
}

/** Reads `meta.pages` and `meta.next` as Mono's list endpoints send them. */
export function metaPagingOf(meta: unknown): { pages?: number; next?: number | null } {
	if (meta === null || typeof meta !== 'object') {
		return {};
	}
	const { pages, next } = meta as IDataObject;
	return {
		pages: typeof pages === 'number' && Number.isInteger(pages) ? pages : undefined,
		next: pageNumberOf(next),
	};
}

/**
 * Fetches a paginated Mono list and returns its matching records in page order.
 *
 * Page requests go to the credential's base URL with `?page=N`, never to the absolute `next`
 * URL Mono returns, so the secret key is only ever sent to that base URL. Once page 1 has given
 * the page count, later pages are fetched several at a time. Every page's `next` is
 * checked: one that repeats, does not advance, or runs past `meta.pages` stops the run with
 * an error, as does any page that still fails after its retries.
 */
export async function fetchPages(
	context: IExecuteSingleFunctions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	spec: ListSpec,
	retry: RetrySettings,
): Promise<IDataObject[]> {
	const matching: IDataObject[] = [];
	const seenIds = new Set<unknown>();
	const enough = () => spec.limit !== undefined && matching.length >= spec.limit;

	const take = (page: Page) => {
		for (const record of page.records) {
			// A record that moved between pages while we read them would otherwise appear twice.
			if (record.id !== undefined && seenIds.has(record.id)) {
				continue;
			}
			if (record.id !== undefined) {
				seenIds.add(record.id);
			}
			if (spec.keep === undefined || spec.keep(record)) {
				matching.push(record);
			}
		}
	};

	const first = await fetchPage(context, options, spec, retry, 1, undefined);
	take(first);
	const { pages, next } = spec.pagingOf(first.envelope);

	if (next === null || next === undefined || enough()) {
		return spec.limit === undefined ? matching : matching.slice(0, spec.limit);
	}
	checkNext(context, first, next, pages);

	let lastPage = pages ?? MAX_PAGES;
	if (spec.limit !== undefined && spec.keep === undefined && first.records.length > 0) {
		// Without a filter, the pages that Limit needs are known from the page size.
		const pagesNeeded = Math.ceil(spec.limit / first.records.length);
		lastPage = Math.min(lastPage, Math.max(2, pagesNeeded));
	}
	let nextToStart = 2;
	const inFlight = new Map<number, Promise<Page>>();

	// A sliding window: up to PAGE_CONCURRENCY requests in flight, consumed in page order.
	for (let number = 2; number <= lastPage && !enough(); number++) {
		while (nextToStart <= lastPage && inFlight.size < PAGE_CONCURRENCY && (pages !== undefined || nextToStart === number)) {
			const pending = fetchPage(context, options, spec, retry, nextToStart, pages);
			// A page may fail while an earlier one is awaited, or after the loop has stopped;
			// this handler keeps that from being an unhandled rejection. The await still throws.
			pending.catch(() => undefined);
			inFlight.set(nextToStart, pending);
			nextToStart++;
		}

		const page = await (inFlight.get(number) as Promise<Page>);
		inFlight.delete(number);
		take(page);

		const paging = spec.pagingOf(page.envelope);
		if (paging.next === null || paging.next === undefined) {
			if (pages !== undefined && number < pages && !enough()) {
				throw pageError(context, page, `page ${number} has no next page, yet meta.pages is ${pages}`);
			}
			break;
		}
		checkNext(context, page, paging.next, pages);
	}

	return spec.limit === undefined ? matching : matching.slice(0, spec.limit);
}

async function fetchPage(
	context: IExecuteSingleFunctions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	spec: ListSpec,
	retry: RetrySettings,
	number: number,
	pages: number | undefined,
): Promise<Page> {
	const label = pages === undefined ? `page ${number}` : `page ${number} of ${pages}`;
	const qs = { ...(options.qs ?? {}) } as IDataObject;
	if (number > 1) {
		qs.page = number;
	}
	const envelope = await sendToMono(
		context,
		{ ...options, qs },
		{ page: label, customerId: spec.customerId },
		retry,
	);
	return { number, envelope, records: spec.recordsOf(envelope, number) };
}

/** Throws unless `next` is the page right after `page` and within `meta.pages`. */
function checkNext(
	context: IExecuteSingleFunctions,
	page: Page,
	next: number,
	pages: number | undefined,
): void {
	if (Number.isNaN(next)) {
		throw pageError(context, page, `page ${page.number} links to a next page without a page number`);
	}
	if (next <= page.number) {
		throw pageError(
			context,
			page,
			`page ${page.number} links back to page ${next} as its next page, which would loop`,
		);
	}
	if (next !== page.number + 1) {
		throw pageError(context, page, `page ${page.number} skips to page ${next}`);
	}
	if (pages !== undefined && next > pages) {
		throw pageError(
			context,
			page,
			`page ${page.number} links to page ${next}, past the ${pages} pages in meta.pages`,
		);
	}
	if (next > MAX_PAGES) {
		throw pageError(context, page, `the list runs past ${MAX_PAGES} pages`);
	}
}

function pageError(context: IExecuteSingleFunctions, page: Page, problem: string) {
	return malformedResponseError(
		context.getNode(),
		{ itemIndex: context.getItemIndex(), method: 'GET', page: `page ${page.number}` },
		problem,
		200,
	);
}
