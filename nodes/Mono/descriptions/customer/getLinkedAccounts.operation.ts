import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { isEmptyValue, limitOf } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { fetchPages, metaPagingOf } from '../../transport/pages';
import { returnAllAndLimit } from '../common';
import { recordsOf } from './records';

// GET /v2/accounts lists every account linked to the app; Mono documents no customer filter on
// it, so the Customer ID filter is applied here, to each page.
const getLinkedAccountsRunner = runPerItem(async (context, request, retry) => {
	const returnAll = context.getNodeParameter('returnAll', false) as boolean;
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const customerId = isEmptyValue(filters.customerId) ? undefined : String(filters.customerId).trim();

	return await fetchPages(
		context,
		request,
		{
			recordsOf: (envelope, page) => recordsOf(context, envelope, page),
			pagingOf: (envelope) => metaPagingOf(envelope.meta),
			keep:
				customerId === undefined
					? undefined
					: (account) => (account.customer as IDataObject | undefined)?.id === customerId,
			limit: returnAll ? undefined : limitOf(context),
			customerId,
		},
		retry,
	);
});

export const getLinkedAccountsOption: INodePropertyOptions = {
	name: 'Get Linked Accounts',
	value: 'getLinkedAccounts',
	action: 'Get linked accounts',
	description: 'List the bank accounts linked to your Mono app, for all customers or one',
	routing: {
		request: { method: 'GET', url: '/v2/accounts' },
		send: { paginate: true },
		operations: { pagination: getLinkedAccountsRunner },
	},
};

export const getLinkedAccountsFields: INodeProperties[] = [...returnAllAndLimit(['getLinkedAccounts'])];
