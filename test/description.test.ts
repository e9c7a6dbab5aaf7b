import type {
	IDataObject,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ONE_CUSTOMER_OPERATIONS } from '../nodes/Mono/descriptions/common';
import { Mono } from '../nodes/Mono/Mono.node';
import { customerById, runOnSandbox, sentRequests, useSandbox } from './harness/sandbox';

const description = new Mono().description;
const node = { typeVersion: 1 };

/** Returns the node's parameter values with every default filled in, as the editor shows them. */
function withDefaults(values: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
}

function displayedProperties(values: INodeParameters): INodeProperties[] {
	const full = withDefaults(values);
	return description.properties.filter((property) =>
		NodeHelpers.displayParameter(full, property, node, description, full),
	);
}

/** Returns the options of a collection that show for these node values. */
function displayedOptions(collection: INodeProperties, values: INodeParameters): string[] {
	const full = withDefaults(values);
	const collectionValues = (full[collection.name] ?? {}) as INodeParameters;
	return (collection.options as INodeProperties[])
		.filter((option) => NodeHelpers.displayParameter(collectionValues, option, node, description, full))
		.map((option) => option.name);
}

/**
 * Lists every combination of values of the top-level options parameters the editor can show:
 * resource, then operation, then whatever each operation shows (such as Customer Type).
 */
function combinations(values: INodeParameters = {}): INodeParameters[] {
	const next = displayedProperties(values).find((property) => property.type === 'options' && !(property.name in values));
	if (next === undefined) {
		return [values];
	}
	return (next.options as INodePropertyOptions[]).flatMap((option) =>
		combinations({ ...values, [next.name]: option.value }),
	);
}

function labelOf(values: INodeParameters): string {
	return Object.values(values).join('/');
}

function operationOption(values: INodeParameters): INodePropertyOptions {
	const operation = description.properties.find(
		(property) => property.name === 'operation' && NodeHelpers.displayParameter(withDefaults(values), property, node, description),
	);
	const option = (operation?.options as INodePropertyOptions[] | undefined)?.find(
		(candidate) => candidate.value === values.operation,
	);
	if (option === undefined) {
		throw new Error(`No operation option ${String(values.operation)} for ${labelOf(values)}`);
	}
	return option;
}

const CUSTOMER_PATH = '/v2/customers/{id}';

/** The request each combination must send, and the parameters it must show. */
const EXPECTED: Record<string, { method: string; path: string; parameters: string[] }> = {
	'customer/create/business': {
		method: 'POST',
		path: '/v2/customers',
		parameters: ['resource', 'operation', 'customerType', 'email', 'businessName', 'address', 'phone', 'identityNumber', 'options'],
	},
	'customer/create/individual/bvn': {
		method: 'POST',
		path: '/v2/customers',
		parameters: [
			'resource',
			'operation',
			'customerType',
			'email',
			'firstName',
			'lastName',
			'address',
			'phone',
			'identityType',
			'identityNumber',
			'options',
		],
	},
	'customer/delete': { method: 'DELETE', path: CUSTOMER_PATH, parameters: ['resource', 'operation', 'customerId', 'options'] },
	'customer/get': { method: 'GET', path: CUSTOMER_PATH, parameters: ['resource', 'operation', 'customerId', 'options'] },
	'customer/getLinkedAccounts': {
		method: 'GET',
		path: '/v2/accounts',
		parameters: ['resource', 'operation', 'returnAll', 'limit', 'filters', 'options'],
	},
	'customer/getAll': {
		method: 'GET',
		path: '/v2/customers',
		parameters: ['resource', 'operation', 'returnAll', 'limit', 'options'],
	},
	'customer/getTransactions': {
		method: 'GET',
		path: `${CUSTOMER_PATH}/transactions`,
		parameters: ['resource', 'operation', 'customerId', 'returnAll', 'limit', 'filters', 'options'],
	},
	'customer/update': {
		method: 'PATCH',
		path: CUSTOMER_PATH,
		parameters: ['resource', 'operation', 'customerId', 'updateFields', 'options'],
	},
};

/** Collection options each operation must show. */
const EXPECTED_COLLECTION_OPTIONS: Record<string, Record<string, string[]>> = {
	create: { options: ['ifCustomerExists', 'maxRetries', 'maxRetryWait', 'timeout'] },
	delete: { options: ['maxRetries', 'maxRetryWait', 'timeout'] },
	get: { options: ['maxRetries', 'maxRetryWait', 'timeout'] },
	getLinkedAccounts: { filters: ['customerId'], options: ['maxRetries', 'maxRetryWait', 'timeout'] },
	getAll: { options: ['maxRetries', 'maxRetryWait', 'timeout'] },
	getTransactions: { filters: ['account', 'page', 'period'], options: ['maxRetries', 'maxRetryWait', 'timeout'] },
	update: {
		updateFields: ['address', 'businessName', 'customerType', 'firstName', 'identityNumber', 'lastName', 'phone'],
		options: ['maxRetries', 'maxRetryWait', 'returnCustomer', 'timeout'],
	},
};

/** A valid value for each required parameter, so that a combination can run. */
const RUN_VALUES: IDataObject = {
	email: 'ada.obi@example.com',
	firstName: 'Ada',
	lastName: 'Obi',
	businessName: 'Harbour Ventures Ltd',
	address: '12 Sample Street, Ikeja, Lagos',
	phone: '08012345678',
	identityNumber: '00012345678',
	limit: 1,
	updateFields: { phone: '07012345678' },
};

const allCombinations = combinations();

describe('Node description combinations', () => {
	test('match the expected table', () => {
		expect(allCombinations.map(labelOf).sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	describe.each(allCombinations.map((values) => [labelOf(values), values] as const))('%s', (label, values) => {
		const expected = EXPECTED[label];

		test('shows the intended parameters', () => {
			expect(displayedProperties(values).map((property) => property.name)).toEqual(expected.parameters);
		});

		test('shows no name twice', () => {
			const names = displayedProperties(values).map((property) => property.name);
			expect(new Set(names).size).toBe(names.length);
		});

		test('shows the intended collection options', () => {
			const collections = displayedProperties(values).filter((property) => property.type === 'collection');
			const optionsByCollection = Object.fromEntries(
				collections.map((collection) => [collection.name, displayedOptions(collection, values)]),
			);
			expect(optionsByCollection).toEqual(EXPECTED_COLLECTION_OPTIONS[values.operation as string]);
		});

		test('declares one method', () => {
			const methods = [operationOption(values), ...displayedProperties(values)]
				.map((source) => source.routing?.request?.method)
				.filter((method) => method !== undefined);
			expect(methods).toEqual([expected.method]);
		});

		// Operations on one customer build their URL from the Customer parameter in their runner;
		// the requests test below checks the path they send.
		test('declares URL unless customer built', () => {
			const urls = [operationOption(values), ...displayedProperties(values)]
				.map((source) => source.routing?.request?.url)
				.filter((url) => url !== undefined);
			const builtFromCustomer = ONE_CUSTOMER_OPERATIONS.includes(String(values.operation));
			expect(urls).toHaveLength(builtFromCustomer ? 0 : 1);
		});

		test('runs through its runner', () => {
			const routing = operationOption(values).routing;
			expect(routing?.send?.paginate).toBe(true);
			expect(typeof routing?.operations?.pagination).toBe('function');
		});
	});
});

describe('Node description requests', () => {
	const getSandbox = useSandbox();

	test.each(allCombinations.map((values) => [labelOf(values), values] as const))(
		'%s sends intended request',
		async (label, values) => {
			const sandbox = getSandbox();
			const customerId = sandbox.customers[0].id;
			const parameters: INodeParameters = { ...values };
			for (const property of displayedProperties(values)) {
				if (property.name === 'customerId') {
					parameters.customerId = customerById(customerId);
				} else if (RUN_VALUES[property.name] !== undefined && !(property.name in values)) {
					parameters[property.name] = RUN_VALUES[property.name] as INodeParameters[string];
				}
			}

			const result = await runOnSandbox(sandbox, { parameters });

			expect(result.error).toBeUndefined();
			expect(sentRequests(sandbox).map(({ method, path }) => ({ method, path }))).toEqual([
				{ method: EXPECTED[label].method, path: EXPECTED[label].path.replace('{id}', customerId) },
			]);
		},
	);
});

/** Calls `visit` with each list of sibling parameters: the top level and every collection's options. */
function walkSiblings(properties: INodeProperties[], path: string, visit: (path: string, siblings: INodeProperties[]) => void) {
	visit(path, properties);
	for (const property of properties) {
		if (property.type === 'collection') {
			walkSiblings(property.options as INodeProperties[], `${path} > ${property.name}`, visit);
		} else if (property.type === 'fixedCollection') {
			for (const group of property.options as INodePropertyCollection[]) {
				walkSiblings(group.values, `${path} > ${property.name} > ${group.name}`, visit);
			}
		}
	}
}

/** Groups of sibling parameters that share a name, labelled by where they sit. */
function sharedNames(): Array<[string, INodeProperties[]]> {
	const groups: Array<[string, INodeProperties[]]> = [];
	walkSiblings(description.properties, 'top level', (path, siblings) => {
		const byName = new Map<string, INodeProperties[]>();
		for (const property of siblings) {
			byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
		}
		for (const [name, group] of byName) {
			if (group.length > 1) {
				groups.push([`${path} ${name}`, group]);
			}
		}
	});
	return groups;
}

function optionValuesOf(property: INodeProperties): unknown[] {
	return ((property.options ?? []) as Array<INodePropertyOptions | INodeProperties>)
		.map((option) => ('value' in option ? option.value : option.name))
		.sort();
}

describe('Shared parameter names', () => {
	const groups = sharedNames();

	test('shared names are the known ones', () => {
		expect(groups.map(([label]) => label).sort()).toEqual(
			['top level identityNumber', 'top level limit', 'top level returnAll'].sort(),
		);
	});

	describe.each(groups)('%s', (_label, group) => {
		test('has one type', () => {
			expect(new Set(group.map((property) => property.type)).size).toBe(1);
		});

		test('has the same options', () => {
			const first = JSON.stringify(optionValuesOf(group[0]));
			for (const property of group) {
				expect(JSON.stringify(optionValuesOf(property))).toBe(first);
			}
		});

		test('has the same locator modes', () => {
			const modesOf = (property: INodeProperties) => JSON.stringify((property.modes ?? []).map((mode) => mode.name));
			for (const property of group) {
				expect(modesOf(property)).toBe(modesOf(group[0]));
			}
		});

		test('has defaults of one type', () => {
			expect(new Set(group.map((property) => typeof property.default)).size).toBe(1);
		});

		test('never shows twice at once', () => {
			for (const values of allCombinations) {
				const shownFromGroup = displayedProperties(values).filter((property) => group.includes(property));
				expect(shownFromGroup.length).toBeLessThanOrEqual(1);
			}
		});
	});
});
