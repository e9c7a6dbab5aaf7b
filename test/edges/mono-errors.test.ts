import { byId, createBody, createParameters, errorOf, jsonOf, requestLines, runAgainst, useSandbox } from './helpers';

const sandbox = useSandbox({ pageSize: 5 });

const getParameters = (customerId: string) => ({
	resource: 'customer',
	operation: 'get',
	customerId: byId(customerId),
});

describe('Mono errors', () => {
	test('unknown customer id reads as not found', async () => {
		const knownId = String(sandbox().customers[0].id);

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'get', customerId: byId('={{ $json.id }}') },
			items: [{ id: knownId }, { id: 'ffffffffffffffffffffffff' }],
		});

		const error = errorOf(result);
		expect(error.message).toBe(
			'Customer ffffffffffffffffffffffff not found (Mono 400: "Invalid Customer Id, could not fetch customer") [item 1]',
		);
		expect(error.description).toMatch(/Check the Customer ID/);
		expect(error.httpCode).toBe('400');
		expect(error.context?.itemIndex).toBe(1);
		expect(requestLines(sandbox())).toEqual([
			`GET /v2/customers/${knownId}`,
			'GET /v2/customers/ffffffffffffffffffffffff',
		]);
	});

	test('unknown id on delete reads as not found', async () => {
		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'delete', customerId: byId('0123456789abcdef01234567') },
		});

		const error = errorOf(result);
		expect(error.message).toBe('Customer 0123456789abcdef01234567 not found (Mono 400: "Invalid Customer Id") [item 0]');
		expect(error.httpCode).toBe('400');
		expect(requestLines(sandbox())).toEqual(['DELETE /v2/customers/0123456789abcdef01234567']);
	});

	test('401 points at the credential', async () => {
		const result = await runAgainst(sandbox(), {
			parameters: getParameters(String(sandbox().customers[0].id)),
			secretKey: 'test_sk_not_this_app',
		});

		const error = errorOf(result);
		expect(error.message).toBe('Mono rejected the secret key (Mono 401: "Invalid secret key") [item 0]');
		expect(error.description).toMatch(/Secret Key in the Mono API credential/);
		expect(error.httpCode).toBe('401');
		expect(sandbox().requests).toHaveLength(1);
		expect(sandbox().requests[0].headers['mono-sec-key']).toBe('test_sk_not_this_app');
	});

	test('field error array lists the fields', async () => {
		const result = await runAgainst(sandbox(), {
			parameters: createParameters({ identityType: '={{ "nin" }}' }),
		});

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono rejected a field (identity.type: identity.type must be bvn) (Mono 400: "Validation error") [item 0]',
		);
		expect(error.description).toBe('Correct Identity Type in this item and run it again.');
		expect(error.httpCode).toBe('400');
		expect(sandbox().requests.map((request) => request.body)).toEqual([
			{ ...createBody(), identity: { type: 'nin', number: '00012345678' } },
		]);
	});

	test('several field errors are all listed', async () => {
		// The sandbox reports one invalid field for what the node lets through, so this test
		// replaces its response with the shape Mono uses for several.
		sandbox().route = () => [
			400,
			{
				status: 'failed',
				message: 'Validation error',
				data: [
					{ field: 'phone', message: 'phone must be a valid phone number' },
					{ field: 'address', message: 'address must be a string' },
				],
			},
		];

		const result = await runAgainst(sandbox(), { parameters: createParameters() });

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono rejected some fields (phone: phone must be a valid phone number; address: address must be a string) (Mono 400: "Validation error") [item 0]',
		);
		expect(error.description).toBe('Correct Phone, Address in this item and run it again.');
		expect(sandbox().requests).toHaveLength(1);
	});

	test('server error carries Mono message', async () => {
		sandbox().setFaults({ rules: [{ kind: 'status', status: 500, method: 'GET', path: '/v2/customers/:id' }] });
		const id = String(sandbox().customers[2].id);

		const result = await runAgainst(sandbox(), { parameters: getParameters(id), items: [{}, {}, {}] });

		const error = errorOf(result);
		expect(error.message).toMatch(/^Mono server error \(Mono 500: "Internal server error"\) \[item \d\]$/);
		expect(error.description).toMatch(/temporary problem/);
		expect(error.httpCode).toBe('500');
		// A 500 is not one of the statuses a GET is retried on.
		expect(requestLines(sandbox())).toEqual([
			`GET /v2/customers/${id}`,
			`GET /v2/customers/${id}`,
			`GET /v2/customers/${id}`,
		]);
	});

	test('status failed inside 200 is an error', async () => {
		sandbox().setFaults({ rules: [{ kind: 'failedInOk', method: 'GET', path: '/v2/customers/:id' }] });
		const id = String(sandbox().customers[0].id);

		const result = await runAgainst(sandbox(), { parameters: getParameters(id) });

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono reported a failure (Mono 200: "Request could not be completed") [item 0]',
		);
		expect(error.description).toMatch(/status "failed"/);
		expect(error.httpCode).toBe('200');
		expect(result.outputs).toEqual([]);
		expect(requestLines(sandbox())).toEqual([`GET /v2/customers/${id}`]);
	});

	test('status failed inside 200 is no output item', async () => {
		sandbox().setFaults({ rules: [{ kind: 'failedInOk', method: 'GET', path: '/v2/customers', calls: [1] }] });

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 },
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs[0])).toEqual([
			{
				error: 'Mono reported a failure (Mono 200: "Request could not be completed") on page 1 [item 0]',
				message: expect.stringMatching(/status "failed"/),
			},
		]);
		expect(requestLines(sandbox())).toEqual(['GET /v2/customers']);
	});

	test('malformed JSON body is an error', async () => {
		sandbox().setFaults({ rules: [{ kind: 'malformed', method: 'GET', path: '/v2/customers' }] });

		const result = await runAgainst(sandbox(), {
			parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		});

		const error = errorOf(result);
		expect(error.message).toBe(
			'Mono sent an unexpected response: the body is not a JSON object on page 1 [item 0]',
		);
		expect(error.description).toMatch(/^Nothing was output for this item/);
		expect(error.httpCode).toBe('200');
		expect(result.outputs).toEqual([]);
		expect(requestLines(sandbox())).toEqual(['GET /v2/customers']);
	});

	test('malformed JSON on create is an error', async () => {
		sandbox().setFaults({ rules: [{ kind: 'malformed', method: 'POST', path: '/v2/customers' }] });

		const result = await runAgainst(sandbox(), { parameters: createParameters() });

		const error = errorOf(result);
		expect(error.message).toBe('Mono sent an unexpected response: the body is not a JSON object [item 0]');
		expect(sandbox().requests.map((request) => request.method)).toEqual(['POST']);
	});
});
