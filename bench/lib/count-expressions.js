// @ts-check
'use strict';
// Preloaded into n8n (NODE_OPTIONS=--require) by `npm run bench -- --count-expressions`: counts
// every expression n8n evaluates, by expression text and by the functions that requested it, and
// writes the counts to $MONO_BENCH_EXPRESSION_DIR/counts-<pid>.json when the process exits.
//
// It wraps Expression.prototype.resolveSimpleParameterValue of the n8n-workflow copy that n8n
// loads; every parameter, routing and credential expression passes through it in n8n 2.40.7.
// Capturing a stack for every call slows n8n down, so times from such a run are not comparable.

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const outputDir = process.env.MONO_BENCH_EXPRESSION_DIR;

/** Callers worth naming: n8n's routing passes, node parameter reads and credential resolution. */
const CALLER_PATTERN = /at (?:async )?((?:RoutingNode|CredentialsHelper|ExecuteSingleContext|ExecuteContext)\.[\w<>]+|\S+\.operation\.[jt]s|\S*\/helpers\/\w+\.[jt]s)/;

if (outputDir) {
	const counts = new Map();
	let wrapped = false;
	const originalLoad = Module._load;

	Module._load = function load(...args) {
		const loaded = originalLoad.apply(this, args);
		const prototype = loaded?.Expression?.prototype;
		if (!wrapped && prototype && typeof prototype.resolveSimpleParameterValue === 'function') {
			wrapped = true;
			const original = prototype.resolveSimpleParameterValue;
			prototype.resolveSimpleParameterValue = function countedResolve(value, ...rest) {
				if (typeof value === 'string' && value.charAt(0) === '=') {
					const frames = (new Error().stack ?? '').split('\n').slice(2);
					const callers = frames
						.map((frame) => CALLER_PATTERN.exec(frame)?.[1])
						.filter((caller) => caller !== undefined)
						.map((caller) => caller.replace(/^.*\/(?=[^/]+$)/, ''));
					const key = `${value.slice(0, 90)}\t${callers.slice(0, 3).join(' < ')}`;
					counts.set(key, (counts.get(key) ?? 0) + 1);
				}
				return original.call(this, value, ...rest);
			};
		}
		return loaded;
	};

	process.on('exit', () => {
		const rows = [...counts].map(([key, count]) => {
			const [expression, callers] = key.split('\t');
			return { expression, callers, count };
		});
		fs.writeFileSync(path.join(outputDir, `counts-${process.pid}.json`), JSON.stringify(rows));
	});
}
