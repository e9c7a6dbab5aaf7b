// @ts-check
'use strict';
/*
 * Records which file `require('n8n-workflow')` resolves to when this package's code calls it
 * inside a running n8n. test-n8n.js preloads it into n8n with
 *   NODE_OPTIONS="--require <this file>"
 *   N8N_REQUIRE_PROBE_PACKAGE_DIR=<staged package folder>
 *   N8N_REQUIRE_PROBE_OUTPUT=<file to append to>
 * and then checks that every line of the output file is inside the running n8n's node_modules,
 * not the repository's dev copy. Requests from any other module are left alone.
 */

const fs = require('node:fs');
const Module = require('node:module');

const packageDir = process.env.N8N_REQUIRE_PROBE_PACKAGE_DIR;
const outputFile = process.env.N8N_REQUIRE_PROBE_OUTPUT;

if (packageDir && outputFile) {
	const seen = new Set();
	// @ts-expect-error _resolveFilename is Node's internal resolver, not in the public typings.
	const originalResolve = Module._resolveFilename;
	// @ts-expect-error see above
	Module._resolveFilename = function resolveAndRecord(request, parent, ...rest) {
		const resolved = originalResolve.call(this, request, parent, ...rest);
		const fromPackage = typeof parent?.filename === 'string' && parent.filename.startsWith(packageDir);
		if (request === 'n8n-workflow' && fromPackage && !seen.has(resolved)) {
			seen.add(resolved);
			fs.appendFileSync(outputFile, `${resolved}\n`);
		}
		return resolved;
	};
}
