import { inspect } from 'node:util';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult } from '../harness/engine';
import { byId, createParameters, runAgainst, useSandbox } from './helpers';

const KEY = 'test_sk_edges_secret_5b81c0d2';
const sandbox = useSandbox({ secretKey: KEY, pageSize: 5 });

/** Collects every text that a user, a log collector or an error reporter could see from one run. */
function visibleTexts(result: RunResult): Record<string, string> {
	const error = result.error as (Error & { description?: string }) | undefined;
	return {
		outputs: JSON.stringify(result.outputs),
		errorJson: JSON.stringify(error ?? null),
		errorInspected: inspect(error, { depth: null, showHidden: true }),
		errorMessage: String(error?.message),
		errorDescription: String(error?.description),
		errorStack: String(error?.stack),
		run: JSON.stringify(result.run),
		logs: result.logs.join('\n'),
	};
}

interface LeakCase {
	parameters: INodeParameters;
	faults?: IDataObject;
	secretKey?: string;
}

const customerId = () => String(sandbox().customers[0].id);

const getOne = (): INodeParameters => ({ resource: 'customer', operation: 'get', customerId: byId(customerId()) });

const cases: Array<{ name: string; build: () => LeakCase }> = [
	{ name: 'success', build: () => ({ parameters: getOne() }) },
	{ name: '401 wrong key', build: () => ({ parameters: getOne(), secretKey: 'test_sk_edges_wrong_4e2a9b17' }) },
	{
		name: '400 unknown id',
		build: () => ({ parameters: { resource: 'customer', operation: 'get', customerId: byId('nope') } }),
	},
	{
		name: '500 on create',
		build: () => ({
			parameters: createParameters(),
			faults: { rules: [{ kind: 'status', status: 500, method: 'POST' }] },
		}),
	},
	{
		name: 'timeout on get',
		build: () => ({
			parameters: { ...getOne(), options: { timeout: 1, maxRetries: 0 } },
			faults: { rules: [{ kind: 'slow', delayMs: 1500 }] },
		}),
	},
	{
		name: 'dropped connection on delete',
		build: () => ({
			parameters: { resource: 'customer', operation: 'delete', customerId: byId(customerId()) },
			faults: { rules: [{ kind: 'drop' }] },
		}),
	},
	{
		name: 'malformed body on list',
		build: () => ({
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
			faults: { rules: [{ kind: 'malformed', calls: [1] }] },
		}),
	},
	{
		name: '429 past max retries',
		build: () => ({
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } },
			faults: { rules: [{ kind: 'status', status: 429, retryAfter: 0 }] },
		}),
	},
	{
		name: 'status failed inside 200',
		build: () => ({ parameters: createParameters(), faults: { rules: [{ kind: 'failedInOk' }] } }),
	},
];

describe('secret key', () => {
	describe.each(['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const)('on error %s', (onError) => {
		test.each(cases)('$name keeps key out', async ({ name, build }) => {
			const leakCase = build();
			if (leakCase.faults) {
				sandbox().setFaults(leakCase.faults);
			}
			const sentKey = leakCase.secretKey ?? KEY;

			const result = await runAgainst(sandbox(), {
				parameters: leakCase.parameters,
				secretKey: sentKey,
				onError,
				probe: "={{ JSON.stringify($('Mono').item.json) }}",
				errorProbe: "={{ JSON.stringify($('Mono').item.json) }}",
			});

			// The key was sent, so it could have leaked.
			// NOTE: `result.logs` stays empty when another test file in the same Jest worker created
			// n8n's logger first, because the logger writes to that file's console. Run this file on
			// its own to check n8n's log lines too.
			expect(sandbox().requests.length).toBeGreaterThan(0);
			expect(sandbox().requests[0].headers['mono-sec-key']).toBe(sentKey);

			for (const [where, text] of Object.entries(visibleTexts(result))) {
				expect({ case: name, where, containsKey: text.includes(sentKey) }).toEqual({
					case: name,
					where,
					containsKey: false,
				});
			}
			expect(JSON.stringify([result.probe, result.errorProbe])).not.toContain(sentKey);
		});
	});
});
