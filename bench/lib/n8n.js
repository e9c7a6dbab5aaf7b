// @ts-check
'use strict';
// One n8n for the whole bench: installed (or found in the cache) by scripts/n8n/install.js, with
// the built package staged and a throwaway user folder, through scripts/n8n/n8n-cli.js. Every
// `execute` starts a new n8n process, so each run starts with a fresh Mono pacer.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const { ensureN8n } = require('../../scripts/n8n/install');
const cli = require('../../scripts/n8n/n8n-cli');

const N8N_VERSION = '2.40.7';

/**
 * Installs or finds n8n N8N_VERSION, stages the built package and makes a user folder. Returns
 * the session; call `close()` to remove the staged package and the user folder.
 */
async function openN8n({ log }) {
	const n8n = await ensureN8n(N8N_VERSION, { log: (line) => log(`n8n install: ${line}`) });
	const nodeVersion = execFileSync(n8n.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	const staged = cli.stagePackage();
	const userFolder = cli.createUserFolder();
	const options = { userFolder, extensionsDir: staged.extensionsDir };
	log(`n8n ${N8N_VERSION} on Node.js ${nodeVersion}, user folder ${userFolder}`);

	return {
		nodeBin: n8n.nodeBin,
		nodeVersion,
		importCredentials: (credentials) => cli.importCredentials(n8n, credentials, options),
		importWorkflows: (workflows) => cli.importWorkflows(n8n, workflows, options),
		/**
		 * Runs `n8n execute --id=<id>` with `env` added to n8n's environment. Returns
		 * scripts/n8n/n8n-cli.js's ExecutionResult, plus `nodeStartedAt`: the epoch ms at which
		 * `timedNode` started, read from the run data.
		 */
		async execute(workflowId, { timeoutMs, env = {}, timedNode }) {
			const execution = await cli.executeWorkflow(n8n, workflowId, { ...options, env, timeoutMs });
			const runData = cli.parseRunOutput(execution.stdout)?.data?.resultData?.runData;
			return { ...execution, nodeStartedAt: runData?.[timedNode]?.[0]?.startTime };
		},
		close() {
			fs.rmSync(userFolder, { recursive: true, force: true });
			staged.cleanup();
		},
	};
}

module.exports = { openN8n, N8N_VERSION };
