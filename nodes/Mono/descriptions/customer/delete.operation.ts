import type { INodePropertyOptions } from 'n8n-workflow';

import { customerIdOf } from '../../helpers/input';
import { runPerItem } from '../../helpers/runItem';
import { sendToMono } from '../../transport/request';
import { customerPath } from '../common';

// Mono returns `data: null` for a delete, so the output confirms what was deleted.
const deleteRunner = runPerItem(async (context, request, retry) => {
	const customerId = customerIdOf(context);
	await sendToMono(context, { ...request, url: customerPath(customerId) }, { customerId }, retry);
	return [{ deleted: true, id: customerId }];
});

export const deleteOption: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a customer',
	description: 'Delete a customer',
	routing: {
		request: { method: 'DELETE' },
		send: { paginate: true },
		operations: { pagination: deleteRunner },
	},
};
