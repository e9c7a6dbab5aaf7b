import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FieldRule } from '../../helpers/input';
import { checkAddress, checkBvn, checkFields, cleanBody, customerIdOf } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { invalidInputError } from '../../transport/errors';
import { sendToMono } from '../../transport/request';
import { customerPath, forCustomer } from '../common';
import { customerOf } from './records';

const UPDATE_RULES: FieldRule[] = [
	{ path: 'address', label: 'Address', check: checkAddress },
	{ path: 'identity.number', label: 'Identity Number', check: checkBvn },
];

const updateRunner = runPerItem(async (context, request, retry) => {
	const customerId = customerIdOf(context);
	const body = cleanBody((request.body ?? {}) as IDataObject);

	// An identity type alone changes nothing, so it is sent only with a number.
	if (typeof body.identity === 'object' && (body.identity as IDataObject).number === undefined) {
		delete body.identity;
	}
	if (Object.keys(body).length === 0) {
		throw invalidInputError(
			context.getNode(),
			context.getItemIndex(),
			'No fields to update',
			'Add at least one field under Update Fields, and check that its expression finds a value in this item.',
		);
	}
	checkFields(context, body, UPDATE_RULES);

	const url = customerPath(customerId);
	await sendToMono(context, { ...request, url, body }, { customerId }, retry);

	const options = context.getNodeParameter('options', {}) as IDataObject;
	if (options.returnCustomer === true) {
		const envelope = await sendToMono(
			context,
			{ ...request, url, method: 'GET', body: undefined },
			{ customerId },
			retry,
		);
		return [customerOf(context, envelope)];
	}

	// Mono returns `data: null` for an update, so the output states what was sent.
	return [{ id: customerId, updated: true, fields: body }];
});

export const updateOption: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a customer',
	description: 'Change a customer\'s details',
	routing: {
		request: { method: 'PATCH' },
		send: { paginate: true },
		operations: { pagination: updateRunner },
	},
};

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forCustomer(['update']),
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12 Sample Street, Ikeja, Lagos',
				description: 'The new address, at most 100 characters',
				routing: { send: { type: 'body', property: 'address' } },
			},
			{
				displayName: 'Business Name',
				name: 'businessName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sample Ventures Ltd',
				routing: { send: { type: 'body', property: 'business_name' } },
			},
			{
				displayName: 'Customer Type',
				name: 'customerType',
				type: 'options',
				default: 'business',
				description: 'Change the customer to a person or a company',
				options: [
					{ name: 'Business', value: 'business' },
					{ name: 'Individual', value: 'individual' },
				],
				routing: { send: { type: 'body', property: 'type' } },
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Ada',
				routing: { send: { type: 'body', property: 'first_name' } },
			},
			{
				displayName: 'Identity Number',
				name: 'identityNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. 22212345678',
				description: 'The new BVN: 11 digits, no spaces. It is sent with the identity type BVN.',
				routing: {
					request: { body: { identity: { type: 'bvn' } } },
					send: { type: 'body', property: 'identity.number' },
				},
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Obi',
				routing: { send: { type: 'body', property: 'last_name' } },
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. 08012345678',
				description: 'The new phone number, sent exactly as entered',
				routing: { send: { type: 'body', property: 'phone' } },
			},
		],
	},
];
