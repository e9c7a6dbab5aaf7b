// @ts-check
'use strict';
/*
 * Runs n8n's command line against a throwaway user folder, with this package loaded as a custom
 * extension. Used by test-n8n.js, editor-check.js and the benchmark.
 *
 * Module API (an `n8n` argument is the object that install.js `ensureN8n(version)` returns):
 *
 *   stagePackage({ repositoryRoot? }) -> { extensionsDir, cleanup() }
 *     Copies the built package (`dist/` and package.json, no node_modules) into a new folder under
 *     the OS temp folder and returns that folder, for N8N_CUSTOM_EXTENSIONS. Outside the
 *     repository, the package's `require('n8n-workflow')` finds no node_modules folder on its way
 *     up, so it falls through to the NODE_PATH that n8n sets to its own node_modules. Loaded from
 *     the repository, it would get the repository's dev copy of n8n-workflow instead. Run
 *     `npm run build` first. n8n names a node loaded this way `CUSTOM.mono` in workflow JSON.
 *
 *   createUserFolder() -> string
 *     Makes an empty folder for N8N_USER_FOLDER. n8n puts its config and SQLite database in
 *     `<folder>/.n8n`. Remove it with `fs.rmSync(folder, { recursive: true, force: true })`.
 *
 *   n8nEnvironment({ userFolder, extensionsDir, env? }) -> object
 *     The process environment for one n8n run: the folders above, a fixed encryption key,
 *     diagnostics (telemetry), version notifications, templates and community-package installs
 *     off, warnings-only logs, and `env` on top.
 *
 *   async findFreePort() -> number
 *     A TCP port on 127.0.0.1 that was free when checked.
 *
 *   async runN8nCommand(n8n, args, { userFolder, extensionsDir, env?, timeoutMs? })
 *       -> { code, stdout, stderr, seconds }
 *     Runs `n8n <args>` to completion (killed after `timeoutMs`, default 5 minutes) and returns
 *     its exit code and output. It does not throw on a non-zero exit code. Unless `env` sets
 *     N8N_RUNNERS_BROKER_PORT, the Code node's task broker gets a free port.
 *
 *   async importCredentials(n8n, credentials, options) and
 *   async importWorkflows(n8n, workflows, options)
 *     Write the arrays to a JSON file in the user folder and run `n8n import:credentials` or
 *     `n8n import:workflow` on it. Each credential needs `id`, `name`, `type` and a plain `data`
 *     object (n8n encrypts it on import). Each workflow needs `id`. A missing `active` (false)
 *     or `versionId` is filled in, because n8n 1.122 rejects a workflow without them. Both
 *     throw when n8n exits non-zero.
 *
 *   async executeWorkflow(n8n, workflowId, options) -> ExecutionResult
 *     Runs `n8n execute --id=<workflowId> --rawOutput` and parses the run data it prints:
 *       { ok, error, nodes, lastNodeExecuted, seconds, stdout, stderr, code }
 *     `nodes[nodeName]` is `{ outputs, executionTime, error }`, where `outputs[i]` is the list of
 *     item `json` objects on output i of the node's first run (output 1 is the error output of a
 *     node set to "continue (using error output)"), and `executionTime` is in milliseconds. `ok`
 *     is false when n8n exits non-zero or the run data contains an error, and `error` then
 *     contains the message.
 *
 *   async runWorkflows(n8n, { credentials, workflows, extensionsDir, env? })
 *       -> Map<workflowId, ExecutionResult>
 *     Imports the credentials and workflows into a new user folder, executes each workflow in
 *     turn, removes the folder, and returns the results.
 */

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { trackChild } = require('./child-processes');

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;
// Any fixed value works: every user folder is new, so nothing encrypted outlives a run.
const ENCRYPTION_KEY = 'n8n-nodes-mono-test-encryption-key';

function stagePackage({ repositoryRoot = REPOSITORY_ROOT } = {}) {
	const distDir = path.join(repositoryRoot, 'dist');
	if (!fs.existsSync(path.join(distDir, 'nodes', 'Mono', 'Mono.node.js'))) {
		throw new Error(`${distDir} has no built node; run \`npm run build\` first`);
	}
	const stageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-mono-stage-'));
	const extensionsDir = path.join(stageRoot, 'n8n-nodes-mono');
	fs.mkdirSync(extensionsDir);
	fs.cpSync(distDir, path.join(extensionsDir, 'dist'), { recursive: true });
	fs.copyFileSync(path.join(repositoryRoot, 'package.json'), path.join(extensionsDir, 'package.json'));
	return {
		extensionsDir,
		cleanup: () => fs.rmSync(stageRoot, { recursive: true, force: true }),
	};
}

function createUserFolder() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-user-folder-'));
}

function n8nEnvironment({ userFolder, extensionsDir, env = {} }) {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: extensionsDir,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LOG_LEVEL: 'warn',
		DB_TYPE: 'sqlite',
		// Community-package installs from the npm registry are not needed, only the custom folder.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
		...env,
	};
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
function findFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

async function runN8nCommand(n8n, args, { userFolder, extensionsDir, env = {}, timeoutMs = DEFAULT_TIMEOUT_MS }) {
	const started = Date.now();
	// n8n 2.x starts a task broker for the Code node on port 5679 by default. Another n8n on this
	// machine may already use that port, so every command gets a free port of its own.
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT ?? String(await findFreePort());
	const fullEnv = n8nEnvironment({ userFolder, extensionsDir, env: { N8N_RUNNERS_BROKER_PORT: brokerPort, ...env } });
	return await new Promise((resolve, reject) => {
		const child = trackChild(
			spawn(n8n.nodeBin, [n8n.n8nBin, ...args], {
				cwd: userFolder,
				env: fullEnv,
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (timedOut) {
				stderr += `\nn8n ${args[0]} timed out after ${timeoutMs / 1000} s and was killed`;
			}
			resolve({ code: timedOut ? -1 : code, stdout, stderr, seconds: (Date.now() - started) / 1000 });
		});
	});
}

/** Writes `records` to a file in the user folder and runs `n8n <command> --input=<file>`. */
async function importFile(n8n, command, records, options) {
	const file = path.join(options.userFolder, `${command.replace(':', '-')}-${crypto.randomUUID()}.json`);
	fs.writeFileSync(file, JSON.stringify(records, null, '\t'));
	const result = await runN8nCommand(n8n, [command, `--input=${file}`], options);
	if (result.code !== 0) {
		throw new Error(`n8n ${command} failed with exit code ${result.code}:\n${result.stdout}\n${result.stderr}`.trim());
	}
	return result;
}

async function importCredentials(n8n, credentials, options) {
	return await importFile(n8n, 'import:credentials', credentials, options);
}

async function importWorkflows(n8n, workflows, options) {
	const completed = workflows.map((workflow) => ({ active: false, versionId: crypto.randomUUID(), ...workflow }));
	return await importFile(n8n, 'import:workflow', completed, options);
}

/** Returns the value when `text` is a JSON object, else undefined. */
function parseJsonObject(text) {
	if (typeof text !== 'string' || !text.trimStart().startsWith('{')) {
		return undefined;
	}
	try {
		const value = JSON.parse(text);
		return value !== null && typeof value === 'object' ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Finds the run data in what `n8n execute --rawOutput` printed. n8n prints it through its logger,
 * so with N8N_LOG_FORMAT=json it is the `message` of one JSON log line. Plain output, where the
 * JSON spans several lines, is searched from each line that starts with `{`.
 */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	for (const line of lines) {
		const logLine = parseJsonObject(line);
		const run = parseJsonObject(logLine?.message);
		if (run?.data?.resultData !== undefined) {
			return run;
		}
	}
	for (let index = 0; index < lines.length; index++) {
		if (lines[index].startsWith('{')) {
			const run = parseJsonObject(lines.slice(index).join('\n'));
			if (run?.data?.resultData !== undefined) {
				return run;
			}
		}
	}
	return undefined;
}

/** Reduces n8n's run data to each node's output items and time, from the first run of each. */
function nodesOf(runData) {
	const nodes = {};
	for (const [name, runs] of Object.entries(runData ?? {})) {
		const run = Array.isArray(runs) ? runs[0] : undefined;
		const outputs = (run?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
		nodes[name] = {
			outputs,
			executionTime: run?.executionTime,
			error: run?.error ? String(run.error.message ?? run.error) : undefined,
		};
	}
	return nodes;
}

async function executeWorkflow(n8n, workflowId, options) {
	// n8n prints the run data as an info-level log line, so the log level must be info or lower.
	const env = { N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'json', ...options.env };
	const result = await runN8nCommand(n8n, ['execute', `--id=${workflowId}`, '--rawOutput'], { ...options, env });
	const parsed = parseRunOutput(result.stdout);
	// --rawOutput prints the whole IRun; `data.resultData` contains the per-node run data.
	const resultData = parsed?.data?.resultData;
	let error;
	if (parsed === undefined) {
		error = `n8n execute printed no run data (exit code ${result.code})`;
	} else if (resultData?.error) {
		error = String(resultData.error.message ?? resultData.error);
	} else if (result.code !== 0) {
		error = `n8n execute exited with code ${result.code}`;
	}
	return {
		ok: error === undefined,
		error,
		nodes: nodesOf(resultData?.runData),
		lastNodeExecuted: resultData?.lastNodeExecuted,
		seconds: result.seconds,
		stdout: result.stdout,
		stderr: result.stderr,
		code: result.code,
	};
}

async function runWorkflows(n8n, { credentials, workflows, extensionsDir, env = {} }) {
	const userFolder = createUserFolder();
	const options = { userFolder, extensionsDir, env };
	try {
		await importCredentials(n8n, credentials, options);
		await importWorkflows(n8n, workflows, options);
		const results = new Map();
		for (const workflow of workflows) {
			results.set(workflow.id, await executeWorkflow(n8n, workflow.id, options));
		}
		return results;
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = {
	stagePackage,
	createUserFolder,
	n8nEnvironment,
	findFreePort,
	runN8nCommand,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	runWorkflows,
	parseRunOutput,
};
