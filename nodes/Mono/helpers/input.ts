import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { invalidInputError } from '../transport/errors';

/** Mono's documented limit on `address`. */
export const MAX_ADDRESS_LENGTH = 100;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A BVN (Bank Verification Number) is 11 digits, with no spaces. */
const BVN_PATTERN = /^\d{11}$/;

/** Checks whether a value means "nothing", which is never sent to Mono. */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) {
		return true;
	}
	if (typeof value === 'string') {
		const trimmed = value.trim();
		// An expression that read a missing field can turn into the text "undefined" or "null".
		return trimmed === '' || trimmed === 'undefined' || trimmed === 'null';
	}
	if (typeof value === 'object' && !Array.isArray(value)) {
		return Object.keys(value).length === 0;
	}
	return false;
}

/**
 * Returns a copy of a request body without empty values, with strings trimmed and numbers turned
 * into strings. Phone and identity numbers therefore keep a leading 0 or + exactly as entered.
 */
export function cleanBody(body: IDataObject): IDataObject {
	const cleaned: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		let next: unknown = value;
		if (typeof next === 'string') {
			next = next.trim();
		} else if (typeof next === 'number' || typeof next === 'bigint') {
			next = String(next);
		} else if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
			next = cleanBody(next as IDataObject);
		}
		if (!isEmptyValue(next)) {
			cleaned[key] = next as IDataObject[keyof IDataObject];
		}
	}
	return cleaned;
}

/** One field of a request body and the checks it must pass. */
export interface FieldRule {
	/** The field's path in the body, such as `identity.number`. */
	path: string;
	/** The parameter's display name, as the user sees it. */
	label: string;
	required?: boolean;
	check?: (value: string) => { problem: string; fix: string } | undefined;
}

export const checkEmail: FieldRule['check'] = (value) =>
	EMAIL_PATTERN.test(value)
		? undefined
		: { problem: `"${value}" is not an email address`, fix: 'Enter a full address such as ada@example.com' };

export const checkBvn: FieldRule['check'] = (value) =>
	BVN_PATTERN.test(value)
		? undefined
		: {
				problem: `"${value}" is not 11 digits`,
				fix: 'Enter the 11-digit BVN with no spaces or other characters',
			};

export const checkAddress: FieldRule['check'] = (value) =>
	value.length <= MAX_ADDRESS_LENGTH
		? undefined
		: {
				problem: `is ${value.length} characters long, over Mono's limit of ${MAX_ADDRESS_LENGTH}`,
				fix: `Shorten it to ${MAX_ADDRESS_LENGTH} characters or fewer`,
			};

function valueAt(body: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		return value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	}, body);
}

/** Throws the first rule a cleaned body breaks, naming the item and the field. */
export function checkFields(context: IExecuteSingleFunctions, body: IDataObject, rules: FieldRule[]) {
	const itemIndex = context.getItemIndex();
	const node = context.getNode();

	for (const rule of rules) {
		const value = valueAt(body, rule.path);
		if (value === undefined) {
			if (rule.required) {
				throw invalidInputError(
					node,
					itemIndex,
					`Missing ${rule.label}`,
					`${rule.label} is required. Enter a value, or check that the expression in ${rule.label} finds one in this item.`,
				);
			}
			continue;
		}
		const result = rule.check?.(String(value));
		if (result !== undefined) {
			throw invalidInputError(
				node,
				itemIndex,
				`Invalid ${rule.label}: ${result.problem}`,
				`${result.fix} in ${rule.label}.`,
			);
		}
	}
}

/** Reads the customer id of this item, trimmed; throws when it is blank. */
export function customerIdOf(context: IExecuteSingleFunctions, parameter = 'customerId'): string {
	const raw = context.getNodeParameter(parameter, '', { extractValue: true }) as unknown;
	const id = isEmptyValue(raw) ? '' : String(raw).trim();
	if (id === '') {
		throw invalidInputError(
			context.getNode(),
			context.getItemIndex(),
			'Missing Customer ID',
			'Pick a customer from the list, or enter the id Mono returned when the customer was created (Create and Get Many output it as "id").',
		);
	}
	return id;
}

/** Reads Limit as a whole number of at least 1; throws otherwise. */
export function limitOf(context: IExecuteSingleFunctions): number {
	const limit = Number(context.getNodeParameter('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw invalidInputError(
			context.getNode(),
			context.getItemIndex(),
			`Invalid Limit: ${String(context.getNodeParameter('limit', ''))}`,
			'Enter a whole number of 1 or more in Limit, or turn on Return All.',
		);
	}
	return limit;
}
