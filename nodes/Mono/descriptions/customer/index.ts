import type { INodeProperties } from 'n8n-workflow';

import { customerIdParameter, filtersCollection, optionsCollection } from '../common';
import { createFields, createOption } from './create.operation';
import { deleteOption } from './delete.operation';
import { getOption } from './get.operation';
import { getAllFields, getAllOption } from './getAll.operation';
import { getLinkedAccountsFields, getLinkedAccountsOption } from './getLinkedAccounts.operation';
import { getTransactionsFields, getTransactionsOption } from './getTransactions.operation';
import { updateFields, updateOption } from './update.operation';

export const customerOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'create',
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			createOption,
			deleteOption,
			getOption,
			getLinkedAccountsOption,
			getAllOption,
			getTransactionsOption,
			updateOption,
		],
	},
];

export const customerFields: INodeProperties[] = [
	...createFields,
	customerIdParameter,
	...getAllFields,
	...getTransactionsFields,
	...updateFields,
	...getLinkedAccountsFields,
	filtersCollection,
	optionsCollection,
];
