import type { INodePropertyOptions } from 'n8n-workflow';

import { customerIdOf } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { sendToMono } from '../../transport/request';
import { customerPath } from '../common';
import { customerOf } from './records';

const getRunner = runPerItem(async (context, request, retry) => {
	const customerId = customerIdOf(context);
	const envelope = await sendToMono(context, { ...request, url: customerPath(customerId) }, { customerId }, retry);
	return [customerOf(context, envelope)];
});

export const getOption: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a customer',
	description: 'Get one customer by ID',
	routing: {
		request: { method: 'GET' },
		send: { paginate: true },
		operations: { pagination: getRunner },
	},
};
