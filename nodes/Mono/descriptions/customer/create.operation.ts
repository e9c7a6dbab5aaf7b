import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeProperties,
	INodePropertyOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FieldRule } from '../../helpers/input';
import { checkAddress, checkBvn, checkEmail, checkFields, cleanBody } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { monoMessageOf } from '../../transport/errors';
import { fetchPages, metaPagingOf } from '../../transport/pages';
import type { MonoEnvelope, RetrySettings } from '../../transport/request';
import { sendToMono } from '../../transport/request';
import { forCustomer } from '../common';
import { customerOf, recordsOf } from './records';

const individual = { show: { resource: ['customer'], operation: ['create'], customerType: ['individual'] } };
const business = { show: { resource: ['customer'], operation: ['create'], customerType: ['business'] } };

const INDIVIDUAL_RULES: FieldRule[] = [
	{ path: 'email', label: 'Email', required: true, check: checkEmail },
	{ path: 'first_name', label: 'First Name', required: true },
	{ path: 'last_name', label: 'Last Name', required: true },
	{ path: 'address', label: 'Address', required: true, check: checkAddress },
	{ path: 'phone', label: 'Phone', required: true },
	{ path: 'identity.type', label: 'Identity Type', required: true },
	{ path: 'identity.number', label: 'Identity Number', required: true, check: checkBvn },
];

const BUSINESS_RULES: FieldRule[] = [
	{ path: 'email', label: 'Email', required: true, check: checkEmail },
	{ path: 'business_name', label: 'Business Name', required: true },
	{ path: 'address', label: 'Address', required: true, check: checkAddress },
	{ path: 'phone', label: 'Phone', required: true },
	{ path: 'identity.number', label: 'Shareholder BVN', required: true, check: checkBvn },
];

/** Returns Mono's body from a duplicate-customer error, or undefined for any other error. */
function duplicateErrorBody(error: unknown): IDataObject | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') {
		return undefined;
	}
	const body = error.errorResponse as IDataObject | undefined;
	return /already exists/i.test(monoMessageOf(body) ?? '') ? body : undefined;
}

/**
 * Finds the customer a duplicate error refers to: by `data.existing_customer.id` when Mono sends
 * it (it is not documented, but Mono has been seen to), else by looking the email up.
 */
async function findExistingCustomer(
	context: IExecuteSingleFunctions,
	request: IDataObject,
	errorBody: IDataObject,
	email: string,
	retry: RetrySettings,
): Promise<IDataObject | undefined> {
	const data = errorBody.data as IDataObject | null | undefined;
	const existingId = (data?.existing_customer as IDataObject | undefined)?.id;
	const base = { baseURL: request.baseURL as string, headers: request.headers as IDataObject };

	if (typeof existingId === 'string' && existingId !== '') {
		const envelope = await sendToMono(
			context,
			{ ...base, method: 'GET', url: `/v2/customers/${encodeURIComponent(existingId)}` },
			{ customerId: existingId },
			retry,
		);
		return customerOf(context, envelope);
	}

	const expectedEmail = email.toLowerCase();
	const matches = await fetchPages(
		context,
		{ ...base, method: 'GET', url: '/v2/customers' },
		{
			recordsOf: (envelope: MonoEnvelope, page: number) => recordsOf(context, envelope, page),
			pagingOf: (envelope: MonoEnvelope) => metaPagingOf(envelope.meta),
			keep: (customer) => String(customer.email ?? '').toLowerCase() === expectedEmail,
			limit: 1,
		},
		retry,
	);
	return matches[0];
}

const createRunner = runPerItem(async (context, request, retry) => {
	const body = cleanBody((request.body ?? {}) as IDataObject);
	checkFields(context, body, body.type === 'business' ? BUSINESS_RULES : INDIVIDUAL_RULES);

	const options = context.getNodeParameter('options', {}) as IDataObject;
	const returnExisting = options.ifCustomerExists === 'returnExisting';

	try {
		// A create is sent once: sendToMono repeats it only after a 429, which Mono did not process.
		const envelope = await sendToMono(context, { ...request, body }, {}, retry);
		const customer = customerOf(context, envelope);
		return [returnExisting ? { ...customer, existing: false } : customer];
	} catch (error) {
		// sendToMono throws only NodeApiError, and wrapping one again returns it unchanged.
		const monoError = new NodeApiError(context.getNode(), error as JsonObject);
		const errorBody = returnExisting ? duplicateErrorBody(monoError) : undefined;
		if (errorBody === undefined) {
			throw monoError;
		}
		const existing = await findExistingCustomer(context, request as IDataObject, errorBody, String(body.email), retry);
		if (existing === undefined) {
			throw monoError;
		}
		return [{ ...existing, existing: true }];
	}
});

export const createOption: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a customer',
	description: 'Create an individual or a business customer',
	routing: {
		request: { method: 'POST', url: '/v2/customers' },
		send: { paginate: true },
		operations: { pagination: createRunner },
	},
};

export const createFields: INodeProperties[] = [
	{
		displayName: 'Customer Type',
		name: 'customerType',
		type: 'options',
		default: 'individual',
		required: true,
		description: 'Whether the customer is a person or a company',
		displayOptions: forCustomer(['create']),
		options: [
			{ name: 'Business', value: 'business' },
			{ name: 'Individual', value: 'individual' },
		],
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		required: true,
		description: 'The customer\'s email address. Mono allows one customer per email in an app.',
		displayOptions: forCustomer(['create']),
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		placeholder: 'e.g. Ada',
		default: '',
		required: true,
		displayOptions: individual,
		routing: { send: { type: 'body', property: 'first_name' } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		placeholder: 'e.g. Obi',
		default: '',
		required: true,
		displayOptions: individual,
		routing: { send: { type: 'body', property: 'last_name' } },
	},
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		placeholder: 'e.g. Sample Ventures Ltd',
		default: '',
		required: true,
		displayOptions: business,
		routing: { send: { type: 'body', property: 'business_name' } },
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		placeholder: 'e.g. 12 Sample Street, Ikeja, Lagos',
		default: '',
		required: true,
		description: 'The customer\'s address, at most 100 characters',
		displayOptions: forCustomer(['create']),
		routing: { send: { type: 'body', property: 'address' } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: 'e.g. 08012345678',
		default: '',
		required: true,
		description: 'The customer\'s phone number, sent exactly as entered',
		displayOptions: forCustomer(['create']),
		routing: { send: { type: 'body', property: 'phone' } },
	},
	{
		displayName: 'Identity Type',
		name: 'identityType',
		type: 'options',
		default: 'bvn',
		required: true,
		description: 'The kind of identity number. BVN is the one Mono documents for customers.',
		displayOptions: individual,
		options: [{ name: 'BVN', value: 'bvn', description: 'Bank Verification Number, 11 digits' }],
		routing: { send: { type: 'body', property: 'identity.type' } },
	},
	{
		displayName: 'Identity Number',
		name: 'identityNumber',
		type: 'string',
		placeholder: 'e.g. 22212345678',
		default: '',
		required: true,
		description: 'The customer\'s BVN: 11 digits, no spaces',
		displayOptions: individual,
		routing: { send: { type: 'body', property: 'identity.number' } },
	},
	{
		displayName: 'Shareholder BVN',
		name: 'identityNumber',
		type: 'string',
		placeholder: 'e.g. 22212345678',
		default: '',
		required: true,
		description: 'The BVN of one of the company\'s shareholders: 11 digits, no spaces',
		displayOptions: business,
		routing: {
			request: { body: { identity: { type: 'bvn' } } },
			send: { type: 'body', property: 'identity.number' },
		},
	},
];
