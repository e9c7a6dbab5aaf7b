#!/usr/bin/env node
// @ts-check
'use strict';
/*
 * `npm run test:n8n`: loads the built package into real n8n releases and runs every example
 * workflow in examples/ against the local Mono sandbox. For each version in N8N_VERSIONS it
 * installs n8n (cached in .n8n-cache/), then imports the examples and a Mono API credential that
 * points at the sandbox. It runs each example with `n8n execute --id` and compares every node's
 * output items and every request the sandbox received with scripts/n8n/expectations.js. It also
 * checks that the package's `require('n8n-workflow')` got n8n's own copy. Then editor-check.js
 * drives n8n 2.40.7's editor in Chromium.
 *
 * It builds nothing: the npm script runs `npm run build` first. Prints one PASS or FAIL line per
 * check and version, ends with "N passed, N failed", and exits 1 when anything failed.
 *
 * Environment: N8N_TEST_VERSIONS (comma-separated, default every version with a recipe),
 * N8N_TEST_SKIP_EDITOR=true to skip the browser check, N8N_CACHE_DIR (see install.js).
 */

const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

const { startSandbox, DEFAULT_SECRET_KEY } = require('../../sandbox/server');
const { ensureN8n, N8N_VERSIONS } = require('./install');
const { stagePackage, createUserFolder, importCredentials, importWorkflows, executeWorkflow } = require('./n8n-cli');
const { EXAMPLES } = require('./expectations');
const { runEditorCheck, EDITOR_CHECK_VERSION } = require('./editor-check');
const { stopChildrenOnSignal } = require('./child-processes');

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(REPOSITORY_ROOT, 'examples');
const PROBE = path.join(__dirname, 'require-probe.js');
const CREDENTIAL = { id: 'monoSandboxCred1', name: 'Mono sandbox' };
// n8n names a node `<package>.<node>` when the package is installed as a community package, and
// `CUSTOM.<node>` when it loads it from N8N_CUSTOM_EXTENSIONS, as this test does.
const COMMUNITY_NODE_TYPE = 'n8n-nodes-mono.mono';
const CUSTOM_NODE_TYPE = 'CUSTOM.mono';
const MAX_DIFF_CHARS = 4000;

/** Results of every check: { version, name, ok, problems, seconds }. */
const results = [];

function record(version, name, problems, seconds) {
	const ok = problems.length === 0;
	results.push({ version, name, ok, problems, seconds });
	const time = seconds === undefined ? '' : ` (${seconds.toFixed(1)} s)`;
	process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  n8n ${version}  ${name}${time}\n`);
	for (const problem of problems) {
		process.stdout.write(`      ${problem.replace(/\n/g, '\n      ')}\n`);
	}
}

/** Returns a problem message when `actual` differs from `expected`, with assert's diff. */
function differenceOf(label, actual, expected) {
	if (util.isDeepStrictEqual(actual, expected)) {
		return undefined;
	}
	try {
		assert.deepStrictEqual(actual, expected);
		return `${label}: differs`;
	} catch (error) {
		const diff = String(/** @type {Error} */ (error).message);
		const shortened = diff.length > MAX_DIFF_CHARS ? `${diff.slice(0, MAX_DIFF_CHARS)}\n... (diff cut)` : diff;
		return `${label} (- expected, + actual):\n${shortened.replace(/^Expected values to be strictly deep-equal:\n/, '')}`;
	}
}

/**
 * Loads an example for import: replaces its placeholder credential with the sandbox credential,
 * and the node type of a community-package install with the type of a custom extension folder.
 */
function loadExample(example) {
	const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, example.file), 'utf8'));
	workflow.id = example.workflowId;
	for (const node of workflow.nodes) {
		if (node.type === COMMUNITY_NODE_TYPE) {
			node.type = CUSTOM_NODE_TYPE;
		}
		if (node.credentials?.monoApi) {
			node.credentials.monoApi = { ...CREDENTIAL };
		}
	}
	return workflow;
}

/** Compares one execution with its expectation and returns the problems found. */
function checkExecution(example, result, sandbox) {
	if (!result.ok) {
		const output = `${result.stdout}\n${result.stderr}`.trim().slice(-MAX_DIFF_CHARS);
		return [`execution failed: ${result.error}\n${output}`];
	}
	const expected = example.expect(sandbox);
	const problems = [];

	const ranNodes = Object.keys(result.nodes).sort();
	const expectedNodes = Object.keys(expected.nodes).sort();
	const nodesProblem = differenceOf('nodes that ran', ranNodes, expectedNodes);
	if (nodesProblem) {
		problems.push(nodesProblem);
	}
	for (const [name, outputs] of Object.entries(expected.nodes)) {
		const actual = result.nodes[name];
		if (actual === undefined) {
			continue;
		}
		if (actual.error !== undefined) {
			problems.push(`node "${name}" failed: ${actual.error}`);
		}
		if (typeof actual.executionTime !== 'number') {
			problems.push(`node "${name}" has no executionTime in its run data`);
		}
		// A node with an error output has an empty list there when no item failed, so trailing empty outputs are ignored.
		const problem = differenceOf(`items of node "${name}"`, trimEmptyOutputs(actual.outputs), trimEmptyOutputs(outputs));
		if (problem) {
			problems.push(problem);
		}
	}

	let received = sandbox.requests.map(({ method, path: requestPath, query, body }) => ({ method, path: requestPath, query, body }));
	let expectedRequests = expected.requests;
	if (expected.requestOrder === 'any') {
		received = sortedByJson(received);
		expectedRequests = sortedByJson(expectedRequests);
	}
	const requestsProblem = differenceOf('requests the sandbox received', received, expectedRequests);
	if (requestsProblem) {
		problems.push(requestsProblem);
	}
	const wrongKeys = sandbox.requests.filter((request) => request.headers['mono-sec-key'] !== DEFAULT_SECRET_KEY);
	if (wrongKeys.length > 0) {
		problems.push(`${wrongKeys.length} request(s) reached the sandbox without the credential's mono-sec-key header`);
	}
	return problems;
}

function sortedByJson(values) {
	return [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Drops trailing empty outputs, so [[a], []] and [[a]] compare equal. */
function trimEmptyOutputs(outputs) {
	const trimmed = [...outputs];
	while (trimmed.length > 0 && trimmed[trimmed.length - 1].length === 0) {
		trimmed.pop();
	}
	return trimmed;
}

/**
 * Checks the probe's record of what the package's `require('n8n-workflow')` resolved to: every
 * file must be inside this n8n's install folder.
 */
function checkResolvedWorkflowPackage(probeOutput, n8n) {
	if (!fs.existsSync(probeOutput)) {
		return ['the require probe recorded nothing, so the package was not loaded from the staged folder'];
	}
	const resolved = fs.readFileSync(probeOutput, 'utf8').split('\n').filter(Boolean);
	const n8nRoot = path.resolve(path.dirname(n8n.n8nBin), '..', '..');
	const foreign = resolved.filter((file) => !file.startsWith(`${n8nRoot}${path.sep}`));
	if (resolved.length === 0 || foreign.length > 0) {
		return [`require('n8n-workflow') from the package resolved to ${resolved.join(', ') || 'nothing'}; expected a file under ${n8nRoot}`];
	}
	return [];
}

/** Imports the sandbox credential and every example into a new user folder and runs each. */
async function testVersion(version, sandbox, extensionsDir) {
	const n8n = await ensureN8n(version);
	const userFolder = createUserFolder();
	const probeOutput = path.join(userFolder, 'n8n-workflow-resolved.txt');
	const env = {
		NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PROBE}`.trim(),
		N8N_REQUIRE_PROBE_PACKAGE_DIR: extensionsDir,
		N8N_REQUIRE_PROBE_OUTPUT: probeOutput,
	};
	const options = { userFolder, extensionsDir, env };
	try {
		const credential = { ...CREDENTIAL, type: 'monoApi', data: { secretKey: DEFAULT_SECRET_KEY, baseUrl: sandbox.baseUrl } };
		await importCredentials(n8n, [credential], options);
		await importWorkflows(n8n, EXAMPLES.map(loadExample), options);

		for (const example of EXAMPLES) {
			sandbox.reset();
			const result = await executeWorkflow(n8n, example.workflowId, options);
			record(version, `example ${example.file}`, checkExecution(example, result, sandbox), result.seconds);
		}
		record(version, "package's require('n8n-workflow') gets n8n's copy", checkResolvedWorkflowPackage(probeOutput, n8n));
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return n8n;
}

async function main() {
	const started = Date.now();
	const versions = process.env.N8N_TEST_VERSIONS ? process.env.N8N_TEST_VERSIONS.split(',').map((v) => v.trim()) : N8N_VERSIONS;
	const sandbox = await startSandbox({ port: 0 });
	const stage = stagePackage();
	process.stdout.write(`Mono sandbox on ${sandbox.baseUrl}; package staged in ${stage.extensionsDir}\n`);

	try {
		for (const version of versions) {
			let n8n;
			try {
				n8n = await testVersion(version, sandbox, stage.extensionsDir);
			} catch (error) {
				record(version, 'install, import and run', [String(/** @type {Error} */ (error)?.stack ?? error)]);
				continue;
			}
			if (version === EDITOR_CHECK_VERSION && process.env.N8N_TEST_SKIP_EDITOR !== 'true') {
				const checks = await runEditorCheck({ n8n, extensionsDir: stage.extensionsDir });
				for (const check of checks) {
					record(version, check.name, check.problems, check.seconds);
				}
			}
		}
	} finally {
		stage.cleanup();
		await sandbox.stop();
	}

	const passed = results.filter((result) => result.ok).length;
	const failed = results.length - passed;
	process.stdout.write(`test:n8n took ${Math.round((Date.now() - started) / 1000)} s\n`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

stopChildrenOnSignal();
main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.stdout.write('0 passed, 1 failed\n');
		process.exitCode = 1;
	},
);
