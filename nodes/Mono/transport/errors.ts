import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** A response from Mono, reduced to what error messages need. The request is never kept. */
export interface MonoResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/** The subject of an error, so that its message can name the item, customer and page. */
export interface ErrorSubject {
	itemIndex: number;
	/** The HTTP method of the request that failed. */
	method: string;
	customerId?: string;
	/** For list operations, the page that failed, such as "page 3 of 12". */
	page?: string;
}

const API_FIELD_LABELS: Record<string, string> = {
	email: 'Email',
	first_name: 'First Name',
	last_name: 'Last Name',
	business_name: 'Business Name',
	address: 'Address',
	phone: 'Phone',
	type: 'Customer Type',
	identity: 'Identity',
	'identity.type': 'Identity Type',
	'identity.number': 'Identity Number',
};

/** Returns Mono's own message from a response body, or undefined when it has none. */
export function monoMessageOf(body: unknown): string | undefined {
	if (body !== null && typeof body === 'object' && typeof (body as IDataObject).message === 'string') {
		const message = ((body as IDataObject).message as string).trim();
		return message === '' ? undefined : message;
	}
	return undefined;
}

function fieldErrorsOf(body: unknown): Array<{ field: string; message: string }> {
	const data = body !== null && typeof body === 'object' ? (body as IDataObject).data : undefined;
	if (!Array.isArray(data)) {
		return [];
	}
	return data
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object')
		.map((entry) => ({ field: String(entry.field ?? ''), message: String(entry.message ?? '') }));
}

function withItem(message: string, subject: ErrorSubject): string {
	const page = subject.page ? ` on ${subject.page}` : '';
	return `${message}${page} [item ${subject.itemIndex}]`;
}

function isWrite(method: string): boolean {
	return method.toUpperCase() !== 'GET';
}

/** Builds the body kept on an error: Mono's envelope, with nothing from the request. */
function errorBody(response: MonoResponse): JsonObject {
	const body = response.body !== null && typeof response.body === 'object' ? response.body : {};
	return { ...(body as JsonObject), httpCode: String(response.statusCode) };
}

/**
 * Turns a Mono error response (any 4xx or 5xx, or a 2xx whose status is "failed") into an n8n
 * error whose message carries Mono's own message and whose description names the change
 * to make.
 */
export function monoApiError(
	node: INode,
	response: MonoResponse,
	subject: ErrorSubject,
	retryNote = '',
): NodeApiError {
	const status = response.statusCode;
	const monoMessage = monoMessageOf(response.body) ?? 'no message';
	const quoted = `Mono ${status}: "${monoMessage}"`;
	let summary: string;
	let description: string;

	if (status === 401) {
		summary = 'Mono rejected the secret key';
		description =
			'Check the Secret Key in the Mono API credential: copy it again from your app in the Mono dashboard. Test keys start with test_sk_ and live keys with live_sk_.';
	} else if (status === 403) {
		summary = 'Mono refused this request for your app';
		description =
			'The app behind this secret key may not have the Customers product enabled. Check the app in the Mono dashboard, or use the key of another app.';
	} else if (/invalid customer id/i.test(monoMessage)) {
		// Mono returns 400, not 404, for a customer id it does not know.
		summary = `Customer ${subject.customerId ?? ''} not found`.replace('  ', ' ');
		description =
			'Check the Customer ID: Mono knows no customer with this id in the app of this secret key. Pick the customer from the list, or run Get Many to find its id.';
	} else if (/already exists/i.test(monoMessage)) {
		summary = 'Customer already exists';
		description =
			'Mono already has a customer with this email (or these names) in your app. Use another email, or set Options > If Customer Exists to Return Existing to output the existing customer instead.';
	} else if (status === 404 && /connected account/i.test(monoMessage)) {
		summary = 'This customer has no linked bank account';
		description =
			'Transactions come from the accounts a customer links through Mono Connect. Link an account first, or check the Customer ID.';
	} else if (status === 429) {
		summary = 'Mono rate limit reached';
		description = `Mono kept responding with 429 Too Many Requests${retryNote}. Raise Options > Max Retries or Max Retry Wait, or send fewer items per run.`;
	} else if (status >= 500) {
		summary = 'Mono server error';
		description = isWrite(subject.method)
			? `Mono may have applied this ${subject.method} before failing, so it was not sent again. Check the customer in Mono (for example with Get or Get Many) before you run this item again.`
			: `Mono had a temporary problem${retryNote}. Run the workflow again later.`;
	} else if (status < 400) {
		summary = 'Mono reported a failure';
		description = 'Mono\'s response has status "failed". Check the values in this item against Mono\'s rules.';
	} else {
		summary = 'Mono rejected the request';
		description = 'Check the values in this item against Mono\'s rules and correct them.';
	}

	const fieldErrors = fieldErrorsOf(response.body);
	if (fieldErrors.length > 0) {
		const listed = fieldErrors.map(({ field, message }) => `${field}: ${message}`).join('; ');
		const labels = [...new Set(fieldErrors.map(({ field }) => API_FIELD_LABELS[field] ?? field))];
		summary = `Mono rejected ${labels.length === 1 ? 'a field' : 'some fields'} (${listed})`;
		description = `Correct ${labels.join(', ')} in this item and run it again.`;
	}

	return new NodeApiError(node, errorBody(response), {
		message: withItem(`${summary} (${quoted})`, subject),
		description,
		httpCode: String(status),
		itemIndex: subject.itemIndex,
	});
}

/** Kinds of failure in which no HTTP response arrived. */
export type NetworkFailure = 'timeout' | 'dropped' | 'refused' | 'other';

/** Reads the kind of network failure from an error thrown by n8n's request helper. */
export function networkFailureOf(error: unknown): NetworkFailure {
	const seen = new Set<unknown>();
	const texts: string[] = [];
	let current: unknown = error;

	// The axios error may be wrapped once or twice by n8n, so look through its causes.
	while (current !== null && typeof current === 'object' && !seen.has(current) && seen.size < 5) {
		seen.add(current);
		const record = current as IDataObject;
		texts.push(String(record.code ?? ''), String(record.message ?? ''));
		current = record.cause;
	}
	const text = texts.join(' ');

	if (/ECONNABORTED|ETIMEDOUT|timeout/i.test(text)) {
		return 'timeout';
	}
	if (/ECONNRESET|EPIPE|socket hang up|aborted/i.test(text)) {
		return 'dropped';
	}
	if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i.test(text)) {
		return 'refused';
	}
	return 'other';
}

/** Builds the error for a request that got no response, after any retries. */
export function networkError(
	node: INode,
	failure: NetworkFailure,
	subject: ErrorSubject,
	timeoutSeconds: number,
	retryNote: string,
): NodeApiError {
	const summary = {
		timeout: `Mono did not respond within ${timeoutSeconds} s`,
		dropped: 'The connection to Mono closed before a response arrived',
		refused: 'Could not connect to Mono',
		other: 'The request to Mono failed before a response arrived',
	}[failure];

	let description: string;
	if (failure === 'refused') {
		description =
			'Check the Base URL in the Mono API credential and the network between n8n and Mono.';
	} else if (isWrite(subject.method)) {
		description = `The ${subject.method} reached the network, so Mono may have applied it. It was not sent again: check the customer in Mono (for example with Get or Get Many) before you run this item again.`;
	} else {
		description = `Mono may be slow or unreachable${retryNote}. Run the workflow again later, or raise Options > Timeout.`;
	}

	return new NodeApiError(
		node,
		{ message: summary, failure },
		{ message: withItem(summary, subject), description, itemIndex: subject.itemIndex },
	);
}

/** Builds the error for an input value that fails a check before anything is sent. */
export function invalidInputError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(node, `${message} [item ${itemIndex}]`, { itemIndex, description });
}

/** Builds the error for a response that broke Mono's documented shape. */
export function malformedResponseError(
	node: INode,
	subject: ErrorSubject,
	problem: string,
	statusCode: number,
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: problem, httpCode: String(statusCode) },
		{
			message: withItem(`Mono sent an unexpected response: ${problem}`, subject),
			description:
				'Nothing was output for this item, because a partial result would look complete. Run it again; if it keeps failing, Mono may have changed its API.',
			httpCode: String(statusCode),
			itemIndex: subject.itemIndex,
		},
	);
}
