// @ts-check
'use strict';
// Loads the benchmark workflows from bench/workflows/ and fills in their placeholders.
//
// The stored workflows are templates. A string value that is exactly `__NAME__` is replaced by
// the value of NAME, so a number stays a number. Inside a longer string, `__NAME__` is replaced by
// the value's JSON text, so `{ "items": __ITEMS__ }` becomes a JSON document. The node that the
// bench times is named BENCH_NODE in every workflow.

const fs = require('node:fs');
const path = require('node:path');

const WORKFLOW_DIR = path.join(__dirname, '..', 'workflows');
const BENCH_NODE = 'Bench Node';
const PLACEHOLDER = /__([A-Z][A-Z0-9_]*)__/g;

/** Replaces the placeholders in one parsed JSON value, recursively. */
function fill(value, values, file) {
	if (typeof value === 'string') {
		const whole = /^__([A-Z][A-Z0-9_]*)__$/.exec(value);
		if (whole) {
			return valueOf(whole[1], values, file);
		}
		return value.replace(PLACEHOLDER, (_, name) => {
			const replacement = valueOf(name, values, file);
			return typeof replacement === 'string' ? replacement : JSON.stringify(replacement);
		});
	}
	if (Array.isArray(value)) {
		return value.map((entry) => fill(entry, values, file));
	}
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fill(entry, values, file)]));
	}
	return value;
}

function valueOf(name, values, file) {
	if (!Object.hasOwn(values, name)) {
		throw new Error(`Workflow ${file} has the placeholder __${name}__, but the bench gave no value for ${name}`);
	}
	return values[name];
}

/** Reads bench/workflows/<file> and returns the workflow with its placeholders filled in. */
function loadWorkflow(file, values) {
	const template = JSON.parse(fs.readFileSync(path.join(WORKFLOW_DIR, file), 'utf8'));
	return fill(template, values, file);
}

module.exports = { loadWorkflow, BENCH_NODE, WORKFLOW_DIR };
