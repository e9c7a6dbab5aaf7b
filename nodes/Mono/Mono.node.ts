import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { customerFields, customerOperations } from './descriptions/customer';
import { searchCustomers } from './listSearch/searchCustomers';

export class Mono implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mono',
		name: 'mono',
		icon: { light: 'file:mono.svg', dark: 'file:mono.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage customers in Mono, the Nigerian open-banking API',
		defaults: { name: 'Mono' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'monoApi', required: true }],
		requestDefaults: {
			baseURL: '={{ String($credentials.baseUrl || "https://api.withmono.com").replace(/\\/+$/, "") }}',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'customer',
				options: [{ name: 'Customer', value: 'customer' }],
			},
			...customerOperations,
			...customerFields,
		],
	};

	methods = {
		listSearch: { searchCustomers },
	};
}
