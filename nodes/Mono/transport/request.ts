import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ErrorSubject, MonoResponse } from './errors';
import {
	malformedResponseError,
	monoApiError,
	networkError,
	networkFailureOf,
} from './errors';
import { pacerFor } from './pacer';

/** Mono's envelope around every response. */
export interface MonoEnvelope extends IDataObject {
	status?: string;
	message?: string;
	meta?: IDataObject;
}

/** Limits on retries, read from the node's Options. */
export interface RetrySettings {
	maxRetries: number;
	maxRetryWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	maxRetries: 5,
	maxRetryWaitMs: 60_000,
	timeoutMs: 30_000,
};

/** Gateway and availability errors: a GET is safe to send again after them, a write is not. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;

/** Reads the retry settings from the node's Options collection, falling back to the defaults. */
export function retrySettingsOf(context: IExecuteSingleFunctions): RetrySettings {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
	const timeoutSeconds = number(options.timeout, 0);

	return {
		maxRetries: Math.floor(number(options.maxRetries, DEFAULT_RETRY_SETTINGS.maxRetries)),
		maxRetryWaitMs:
			number(options.maxRetryWait, DEFAULT_RETRY_SETTINGS.maxRetryWaitMs / 1000) * 1000,
		timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_RETRY_SETTINGS.timeoutMs,
	};
}

/** Reads Retry-After in seconds or as an HTTP date; returns milliseconds, or undefined. */
function retryAfterMsOf(headers: IDataObject): number | undefined {
	const value = headers['retry-after'];
	if (value === undefined || value === null || value === '') {
		return undefined;
	}
	const seconds = Number(value);
	if (Number.isFinite(seconds)) {
		return Math.max(0, seconds * 1000);
	}
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff with full jitter: a random wait up to base × 2^attempt, capped. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function isEmptyObject(value: unknown): boolean {
	return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

/**
 * Sends one request to Mono and returns its envelope. Applies the credential, paces requests,
 * retries a 429 for any method and a 502, 503, 504, timeout or dropped connection for GET only,
 * and turns every failure into an n8n error with Mono's own message.
 */
export async function sendToMono(
	context: IExecuteSingleFunctions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	subject: Omit<ErrorSubject, 'method' | 'itemIndex'>,
	retry: RetrySettings,
): Promise<MonoEnvelope> {
	const node = context.getNode();
	const method = (options.method ?? 'GET').toUpperCase();
	const fullSubject: ErrorSubject = { ...subject, method, itemIndex: context.getItemIndex() };
	const pacer = pacerFor(String(options.baseURL ?? ''));

	const request: IHttpRequestOptions = {
		...(options as IHttpRequestOptions),
		method: method as IHttpRequestOptions['method'],
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: retry.timeoutMs,
	};
	if (method === 'GET' || method === 'DELETE' || isEmptyObject(request.body)) {
		delete request.body;
	}
	if (isEmptyObject(request.qs)) {
		delete request.qs;
	}

	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		const retriesLeft = attempt < retry.maxRetries;
		const retryNote = attempt === 0 ? '' : ` after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}`;
		await pacer.acquire();

		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				'monoApi',
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			pacer.release();
			const failure = networkFailureOf(error);
			const waitMs = backoffMs(attempt);
			const mayRetry = method === 'GET' && failure !== 'other';
			if (mayRetry && retriesLeft && waitedMs + waitMs <= retry.maxRetryWaitMs) {
				waitedMs += waitMs;
				await sleep(waitMs);
				continue;
			}
			throw networkError(node, failure, fullSubject, retry.timeoutMs / 1000, retryNote);
		}

		pacer.release();

		const monoResponse: MonoResponse = {
			statusCode: response.statusCode,
			body: response.body,
			headers: (response.headers ?? {}) as IDataObject,
		};

		if (response.statusCode === 429) {
			// A 429 means Mono did not process the request, so any method may be sent again.
			const waitMs = retryAfterMsOf(monoResponse.headers) ?? backoffMs(attempt);
			pacer.recordRateLimited(waitMs);
			if (retriesLeft && waitedMs + waitMs <= retry.maxRetryWaitMs) {
				waitedMs += waitMs;
				await sleep(waitMs);
				continue;
			}
			throw monoApiError(node, monoResponse, fullSubject, retryNote);
		}
		pacer.recordSuccess();

		if (RETRYABLE_STATUSES.has(response.statusCode) && method === 'GET') {
			const waitMs = retryAfterMsOf(monoResponse.headers) ?? backoffMs(attempt);
			if (retriesLeft && waitedMs + waitMs <= retry.maxRetryWaitMs) {
				waitedMs += waitMs;
				await sleep(waitMs);
				continue;
			}
		}

		return envelopeOf(context, monoResponse, fullSubject, retryNote);
	}
}

/** Checks a response that ended the retry loop and returns its envelope, or throws. */
function envelopeOf(
	context: IExecuteSingleFunctions,
	response: MonoResponse,
	subject: ErrorSubject,
	retryNote: string,
): MonoEnvelope {
	const node = context.getNode();
	const { statusCode, body } = response;

	if (statusCode >= 400) {
		throw monoApiError(node, response, subject, retryNote);
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw malformedResponseError(node, subject, 'the body is not a JSON object', statusCode);
	}
	const envelope = body as MonoEnvelope;
	if (envelope.status === 'failed') {
		throw monoApiError(node, response, subject, retryNote);
	}
	return envelope;
}
