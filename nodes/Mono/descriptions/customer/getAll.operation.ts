import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { limitOf } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { fetchPages, metaPagingOf } from '../../transport/pages';
import { returnAllAndLimit } from '../common';
import { recordsOf } from './records';

const getAllRunner = runPerItem(async (context, request, retry) => {
	const returnAll = context.getNodeParameter('returnAll', false) as boolean;
	return await fetchPages(
		context,
		request,
		{
			recordsOf: (envelope, page) => recordsOf(context, envelope, page),
			pagingOf: (envelope) => metaPagingOf(envelope.meta),
			limit: returnAll ? undefined : limitOf(context),
		},
		retry,
	);
});

export const getAllOption: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many customers',
	description: 'List the customers of your Mono app',
	routing: {
		request: { method: 'GET', url: '/v2/customers' },
		send: { paginate: true },
		operations: { pagination: getAllRunner },
	},
};

export const getAllFields: INodeProperties[] = [...returnAllAndLimit(['getAll'])];
