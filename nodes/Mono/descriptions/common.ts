import type { INodeProperties } from 'n8n-workflow';

/** Shows a parameter for the given Customer operations only. */
export function forCustomer(operations: string[]) {
	return { show: { resource: ['customer'], operation: operations } };
}

/** The operations that act on one customer, picked with the Customer parameter. */
export const ONE_CUSTOMER_OPERATIONS = ['delete', 'get', 'getTransactions', 'update'];

/**
 * The Customer parameter, picked from a list or entered by id. It is defined once and has no
 * routing: in n8n 2.x each definition and each routing expression of a parameter costs one more
 * expression evaluation per item, so the runners build the URL with `customerPath`.
 */
export const customerIdParameter: INodeProperties = {
	displayName: 'Customer',
	name: 'customerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Mono customer to act on',
	displayOptions: forCustomer(ONE_CUSTOMER_OPERATIONS),
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6641af2a7c9ff1663be1d59b',
		},
	],
};

/** Returns the path of one customer, with the id encoded so that it cannot change the path. */
export function customerPath(customerId: string, suffix = ''): string {
	return `/v2/customers/${encodeURIComponent(customerId)}${suffix}`;
}

/** Return All and Limit for a list operation. The operation's runner reads both. */
export function returnAllAndLimit(operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: forCustomer(operations),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: {
				show: { resource: ['customer'], operation: operations, returnAll: [false] },
			},
		},
	];
}

/** The Options collection, shared by every Customer operation: retries, timeout and more. */
export const optionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { resource: ['customer'] } },
	options: [
		{
			displayName: 'If Customer Exists',
			name: 'ifCustomerExists',
			type: 'options',
			default: 'fail',
			description: 'What to do when Mono already has a customer with this email',
			displayOptions: { show: { '/operation': ['create'] } },
			options: [
				{
					name: 'Fail',
					value: 'fail',
					description: 'Fail the item with Mono\'s message',
				},
				{
					name: 'Return Existing',
					value: 'returnExisting',
					description: 'Output the existing customer, marked with "existing": true',
				},
			],
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 0 },
			description:
				'How many times to send a request again after Mono answers 429 Too Many Requests (any operation), or 502, 503, 504, a timeout or a dropped connection (reads only)',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 0 },
			description: 'The maximum time, in seconds, that one item may spend waiting between retries in total',
		},
		{
			displayName: 'Return Updated Customer',
			name: 'returnCustomer',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the customer back after the update and output it. Mono\'s update response has no customer in it.',
			displayOptions: { show: { '/operation': ['update'] } },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1 },
			description: 'How long, in seconds, to wait for Mono\'s response to one request',
		},
	],
};

const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((months) => ({
	name: months === 1 ? 'Last Month' : `Last ${months} Months`,
	value: `last${months}months`,
}));

/** The Filters collection of the list operations; each filter shows for its operation only. */
export const filtersCollection: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	displayOptions: forCustomer(['getLinkedAccounts', 'getTransactions']),
	options: [
		{
			displayName: 'Account ID',
			name: 'account',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6641b0e47c9ff1663be1d5a2',
			description: 'Only output the transactions of this linked account',
			displayOptions: { show: { '/operation': ['getTransactions'] } },
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6641af2a7c9ff1663be1d59b',
			description: 'Only output the accounts of this customer',
			displayOptions: { show: { '/operation': ['getLinkedAccounts'] } },
		},
		{
			displayName: 'Page',
			name: 'page',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1 },
			description:
				'Output only this page of each account\'s transactions, in place of paging through them all',
			displayOptions: { show: { '/operation': ['getTransactions'] } },
		},
		{
			displayName: 'Period',
			name: 'period',
			type: 'options',
			default: 'last12months',
			description: 'How far back to read transactions',
			displayOptions: { show: { '/operation': ['getTransactions'] } },
			options: PERIODS,
			routing: { send: { type: 'query', property: 'period' } },
		},
	],
};
