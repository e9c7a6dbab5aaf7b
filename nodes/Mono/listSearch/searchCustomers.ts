import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { monoMessageOf } from '../transport/errors';
import { pageNumberOf } from '../transport/pages';

function labelOf(customer: IDataObject): string {
	const name =
		customer.name ??
		customer.business_name ??
		[customer.first_name, customer.last_name].filter(Boolean).join(' ');
	return customer.email ? `${String(name)} (${String(customer.email)})` : String(name);
}

/**
 * Lists customers for the Customer picker, one Mono page per call. The filter matches the
 * name, email or id of the customers on that page.
 */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('monoApi');
	const baseURL = String(credentials.baseUrl || 'https://api.withmono.com').replace(/\/+$/, '');
	const page = Number(paginationToken ?? 1);

	const response = await this.helpers.httpRequestWithAuthentication.call(this, 'monoApi', {
		method: 'GET',
		baseURL,
		url: '/v2/customers',
		qs: page > 1 ? { page } : {},
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});

	const body = response.body as IDataObject;
	if (response.statusCode >= 400 || body?.status === 'failed') {
		throw new NodeApiError(this.getNode(), { message: monoMessageOf(body) ?? 'no message' }, {
			message: `Could not list Mono customers (Mono: "${monoMessageOf(body) ?? 'no message'}")`,
			description: 'Check the Mono API credential, or enter the customer\'s ID with By ID.',
			httpCode: String(response.statusCode),
		});
	}

	const customers = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = customers
		.map((customer) => ({ name: labelOf(customer), value: String(customer.id) }))
		.filter((item) => needle === '' || `${item.name} ${item.value}`.toLowerCase().includes(needle));

	const next = pageNumberOf((body.meta as IDataObject | undefined)?.next);
	return { results, paginationToken: next !== null && next > page ? String(next) : undefined };
}
