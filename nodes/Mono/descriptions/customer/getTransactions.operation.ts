import type { IDataObject, IExecuteSingleFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { customerIdOf, isEmptyValue, limitOf } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { invalidInputError, malformedResponseError } from '../../transport/errors';
import { fetchPages, pageNumberOf } from '../../transport/pages';
import type { MonoEnvelope } from '../../transport/request';
import { sendToMono } from '../../transport/request';
import { customerPath, returnAllAndLimit } from '../common';

/**
 * One linked account's part of a transactions page. Mono wraps each account's own paginated
 * transaction list, so `page=N` requests page N of every account.
 */
interface AccountSlice {
	account: IDataObject[string];
	accountName: IDataObject[string];
	bank: IDataObject[string];
	transactions: IDataObject[];
	pages?: number;
	next: number | null;
}

function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads the per-account slices of one page; throws when Mono failed to read an account. */
function accountSlicesOf(
	context: IExecuteSingleFunctions,
	envelope: MonoEnvelope,
	pageNumber: number,
): AccountSlice[] {
	const subject = { itemIndex: context.getItemIndex(), method: 'GET', page: `page ${pageNumber}` };
	if (!Array.isArray(envelope.data)) {
		throw malformedResponseError(context.getNode(), subject, '"data" is not a list of accounts', 200);
	}

	return envelope.data.map((wrapper: unknown) => {
		const accountData = isRecord(wrapper) ? wrapper.account_transaction_data : undefined;
		if (!isRecord(wrapper) || !isRecord(accountData)) {
			throw malformedResponseError(context.getNode(), subject, 'an account entry has no account_transaction_data', 200);
		}
		if (accountData.errored === true) {
			const reason = isEmptyValue(accountData.error) ? 'no reason given' : JSON.stringify(accountData.error);
			throw malformedResponseError(
				context.getNode(),
				subject,
				`Mono could not read the transactions of account ${String(wrapper.account)} (${reason})`,
				200,
			);
		}

		const inner = (accountData.data as IDataObject | undefined)?.data as IDataObject | undefined;
		const transactions: unknown = inner?.transactions;
		if (!Array.isArray(transactions) || !transactions.every(isRecord)) {
			throw malformedResponseError(
				context.getNode(),
				subject,
				`account ${String(wrapper.account)} has no list of transactions`,
				200,
			);
		}
		const meta = isRecord(inner?.meta) ? inner.meta : {};
		return {
			account: wrapper.account,
			accountName: wrapper.account_name,
			bank: wrapper.bank,
			transactions,
			pages: typeof meta.pages === 'number' ? meta.pages : undefined,
			next: pageNumberOf(meta.next),
		};
	});
}

/** Flattens a page into one record per transaction, with its account attached. */
function transactionsOf(slices: AccountSlice[]): IDataObject[] {
	return slices.flatMap((slice) =>
		slice.transactions.map((transaction) => ({
			...transaction,
			account: slice.account,
			account_name: slice.accountName,
			bank: slice.bank,
		})),
	);
}

/** Reads the paging of a page: the most pages any account has, and the next page if any. */
function pagingOf(slices: AccountSlice[]): { pages?: number; next: number | null } {
	const pageCounts = slices.map((slice) => slice.pages).filter((pages): pages is number => pages !== undefined);
	const nexts = slices.map((slice) => slice.next).filter((next): next is number => next !== null);
	return {
		pages: pageCounts.length > 0 ? Math.max(...pageCounts) : undefined,
		next: nexts.length > 0 ? Math.min(...nexts) : null,
	};
}

const getTransactionsRunner = runPerItem(async (context, request, retry) => {
	const customerId = customerIdOf(context);
	request = { ...request, url: customerPath(customerId, '/transactions') };
	const returnAll = context.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? undefined : limitOf(context);
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	if (!isEmptyValue(filters.account)) {
		request = { ...request, qs: { ...(request.qs ?? {}), account: String(filters.account).trim() } };
	}

	if (filters.page !== undefined) {
		const page = Number(filters.page);
		if (!Number.isInteger(page) || page < 1) {
			throw invalidInputError(
				context.getNode(),
				context.getItemIndex(),
				`Invalid Page: ${String(filters.page)}`,
				'Enter a whole number of 1 or more in Filters > Page, or remove the filter to read every page.',
			);
		}
		const qs = { ...(request.qs ?? {}), page };
		const envelope = await sendToMono(context, { ...request, qs }, { customerId, page: `page ${page}` }, retry);
		const records = transactionsOf(accountSlicesOf(context, envelope, page));
		return limit === undefined ? records : records.slice(0, limit);
	}

	return await fetchPages(
		context,
		request,
		{
			recordsOf: (envelope, page) => transactionsOf(accountSlicesOf(context, envelope, page)),
			pagingOf: (envelope) => pagingOf(accountSlicesOf(context, envelope, 0)),
			limit,
			customerId,
		},
		retry,
	);
});

export const getTransactionsOption: INodePropertyOptions = {
	name: 'Get Transactions',
	value: 'getTransactions',
	action: 'Get customer transactions',
	description: 'List the transactions of a customer\'s linked accounts, one item per transaction',
	routing: {
		request: { method: 'GET' },
		send: { paginate: true },
		operations: { pagination: getTransactionsRunner },
	},
};

export const getTransactionsFields: INodeProperties[] = [
	...returnAllAndLimit(['getTransactions']),
];
