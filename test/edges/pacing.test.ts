import { createBody, createParameters, jsonOf, pairedIndexesOf, runAgainst, useSandbox } from './helpers';

const sandbox = useSandbox();

const ITEM_COUNT = 200;

describe('pacing', () => {
	test(
		'200 creates under 20 per second all succeed',
		async () => {
			sandbox().setFaults({ rateLimit: { perSecond: 20 } });
			const seeded = sandbox().customers.length;
			const items = Array.from({ length: ITEM_COUNT }, (_, index) => ({ email: `bulk${index}@example.com` }));

			const result = await runAgainst(sandbox(), {
				parameters: createParameters({ email: '={{ $json.email }}' }),
				items,
				onError: 'continueRegularOutput',
				probe: "={{ $('Items').item.json.email === $('Mono').item.json.email }}",
			});

			// No item failed, on 429 or otherwise: every output item is the customer of its input.
			expect(result.error).toBeUndefined();
			const output = jsonOf(result.outputs[0]);
			expect(output.filter((json) => json.error !== undefined)).toEqual([]);
			expect(output.map((customer) => customer.email)).toEqual(items.map((item) => item.email));
			expect(pairedIndexesOf(result.outputs[0])).toEqual(items.map((_, index) => index));
			expect(result.probe?.every((entry) => entry.value === true)).toBe(true);

			// Each customer was created once. The only repeated requests are those the sandbox rejected with 429.
			expect(sandbox().customers).toHaveLength(seeded + ITEM_COUNT);
			const posts = sandbox().requests.filter((request) => request.method === 'POST');
			expect(posts).toHaveLength(ITEM_COUNT + sandbox().faults.rateLimitedCount);
			expect(new Set(posts.map((request) => request.rawBody))).toEqual(
				new Set(items.map((item) => JSON.stringify(createBody(item.email)))),
			);
			expect(sandbox().requests.filter((request) => request.method !== 'POST')).toEqual([]);
		},
		60_000,
	);
});
