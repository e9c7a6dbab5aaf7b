import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { malformedResponseError } from '../../transport/errors';
import type { MonoEnvelope } from '../../transport/request';

function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads the customer object in `data`; throws when Mono sent something else. */
export function customerOf(context: IExecuteSingleFunctions, envelope: MonoEnvelope): IDataObject {
	if (!isRecord(envelope.data)) {
		throw malformedResponseError(
			context.getNode(),
			{ itemIndex: context.getItemIndex(), method: 'GET' },
			'"data" is not a customer object',
			200,
		);
	}
	return envelope.data;
}

/** Reads the list of records in `data` of one page; throws when it is not a list of objects. */
export function recordsOf(
	context: IExecuteSingleFunctions,
	envelope: MonoEnvelope,
	pageNumber: number,
): IDataObject[] {
	const data: unknown = envelope.data;
	if (!Array.isArray(data) || !data.every(isRecord)) {
		throw malformedResponseError(
			context.getNode(),
			{ itemIndex: context.getItemIndex(), method: 'GET', page: `page ${pageNumber}` },
			'"data" is not a list of records',
			200,
		);
	}
	return data;
}
