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
 * Builds the output item of a failed input item when the node continues on fail. Its json has
 * only `error` and `details`, the shape n8n routes to the error output and merges with the
 * input item's fields. An item with an `error` object would have its json reduced to the message.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const details: IDataObject = { itemIndex };
	if (error instanceof NodeApiError && error.httpCode) {
		details.httpCode = error.httpCode;
	}
	if (error.description) {
		details.description = error.description;
	}
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}
