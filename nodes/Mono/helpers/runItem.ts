import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RetrySettings } from '../transport/request';
import { retrySettingsOf } from '../transport/request';

/** The work of one operation for one input item: returns the records to output. */
export type OperationHandler = (
	context: IExecuteSingleFunctions,
	request: DeclarativeRestApiSettings.HttpRequestOptions,
	retry: RetrySettings,
) => Promise<IDataObject[]>;

/** The function n8n's declarative engine calls for each item, in place of its own pagination. */
export type ItemRunner = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * Wraps an operation handler into the runner a declarative operation declares as its
 * `pagination`. The runner receives the request that routing built, so it can check input
 * before anything is sent, retry, and page. Every output item, success or error, is paired
 * with its input item, which n8n's own declarative error path does not do.
 */
export function runPerItem(handler: OperationHandler): ItemRunner {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const itemIndex = this.getItemIndex();

		try {
			const records = await handler(this, requestData.options, retrySettingsOf(this));
			return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), String((caught as Error)?.message ?? caught), {
							itemIndex,
						});
			if (!this.continueOnFail()) {
				throw error;
			}
			return [errorItem(error, itemIndex)];
		}
	};
}

/**
 * Builds the output item of a failed input item when the node continues on fail. Its json is
 * `{ error, message }`: what failed (with Mono's message and HTTP code) and what to change. n8n 1.x
 * and 2.x route exactly this shape to the error output and merge it with the input item's fields.
 * An item with an `error` object would have its json reduced to the message alone.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) {
		json.message = error.description;
	}
	return { json, pairedItem: { item: itemIndex } };
}
