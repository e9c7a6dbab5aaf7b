#!/usr/bin/env node
// @ts-check
'use strict';
// Benchmarks the Mono node against n8n's HTTP Request node and a raw axios loop, inside a real
// n8n, on one local Mono sandbox. `npm run bench` builds the package and runs every scenario;
// `npm run bench -- --help` lists the options. The results go to stdout as Markdown tables and to
// test-artifacts/bench/results.json. bench/README.md describes each figure.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../sandbox/server');
const { describeMachine, startLoadWatch } = require('./lib/machine');
const { childPidsOf, watchChildMemory } = require('./lib/memory');
const { openN8n, N8N_VERSION } = require('./lib/n8n');
const { renderReport } = require('./lib/report');
const { SCENARIOS, SECRET_KEY, SEEDED_CUSTOMERS, PAGE_SIZE } = require('./lib/scenarios');
const { loadWorkflow, BENCH_NODE } = require('./lib/workflows');

const REPOSITORY_ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(REPOSITORY_ROOT, 'test-artifacts', 'bench');

/** Repetitions of every variant, by scenario key, unless --repetitions overrides them. */
const DEFAULT_REPETITIONS = { 'bulk-create': 3, 'return-all': 5, 'per-item': 5 };

/** Upper bounds on time: one workflow run, one raw-HTTP run, and the whole bench. */
const RUN_TIMEOUT_MS = 3 * 60 * 1000;
const RAW_TIMEOUT_MS = 60 * 1000;
const TOTAL_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Pause before each run, so that the sandbox's 1 s rate-limit window and the previous process's
 * sockets are gone and the machine has settled a little.
 */
const PAUSE_BETWEEN_RUNS_MS = 1500;

const MONO_CREDENTIAL = { id: 'benchMonoCred001', name: 'Mono sandbox (bench)', type: 'monoApi' };
const HEADER_CREDENTIAL = { id: 'benchHttpCred001', name: 'Mono sandbox key header (bench)', type: 'httpHeaderAuth' };

const USAGE = `Usage: npm run bench -- [options]

  --only KEYS         comma-separated scenarios to run: ${SCENARIOS.map((scenario) => scenario.key).join(', ')}
                      (default: all)
  --repetitions N     runs of every variant (default: ${Object.entries(DEFAULT_REPETITIONS)
		.map(([key, count]) => `${key} ${count}`)
		.join(', ')})
  --count-expressions count the expressions n8n evaluates in each run, by expression and caller
                      (slows n8n down, so the times of such a run are not comparable)
  --help              print this text
`;

function log(line) {
	process.stderr.write(`[bench] ${line}\n`);
}

function parseArguments(argv) {
	const options = { only: SCENARIOS.map((scenario) => scenario.key), repetitions: undefined, countExpressions: false };
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		const value = () => {
			const next = argv[++index];
			if (next === undefined) {
				throw new Error(`${flag} needs a value. Run with --help to list the options.`);
			}
			return next;
		};
		if (flag === '--only') {
			options.only = value().split(',').map((key) => key.trim());
			const unknown = options.only.filter((key) => !SCENARIOS.some((scenario) => scenario.key === key));
			if (unknown.length > 0) {
				throw new Error(`Unknown scenario ${unknown.join(', ')}; the scenarios are ${SCENARIOS.map((scenario) => scenario.key).join(', ')}`);
			}
		} else if (flag === '--repetitions') {
			const count = Number(value());
			if (!Number.isInteger(count) || count < 1 || count > 20) {
				throw new Error('--repetitions must be an integer from 1 to 20');
			}
			options.repetitions = count;
		} else if (flag === '--count-expressions') {
			options.countExpressions = true;
		} else if (flag === '--help' || flag === '-h') {
			process.stdout.write(USAGE);
			process.exit(0);
		} else {
			throw new Error(`Unknown option ${flag}. Run with --help to list the options.`);
		}
	}
	return options;
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs bench/raw-get.js with n8n's Node.js against the sandbox and returns the JSON line it
 * prints. The child is killed when it runs past RAW_TIMEOUT_MS.
 */
function runRawGet(nodeBin, baseUrl, ids) {
	const idsFile = path.join(os.tmpdir(), `mono-bench-ids-${process.pid}.json`);
	fs.writeFileSync(idsFile, JSON.stringify(ids));
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [path.join(__dirname, 'raw-get.js'), baseUrl, idsFile], {
			cwd: REPOSITORY_ROOT,
			env: { ...process.env, MONO_SECRET_KEY: SECRET_KEY },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), RAW_TIMEOUT_MS);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			fs.rmSync(idsFile, { force: true });
			if (code !== 0) {
				reject(new Error(`raw-get.js exited with code ${code}: ${stderr.trim()}`));
				return;
			}
			resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}'));
		});
	});
}

/**
 * Returns the n8n environment that preloads count-expressions.js, and a function that reads and
 * sums the counts once the run has ended (n8n's child processes write files of their own).
 */
function expressionCounting() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mono-bench-expressions-'));
	const preload = path.join(__dirname, 'lib', 'count-expressions.js');
	const env = {
		NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
		MONO_BENCH_EXPRESSION_DIR: dir,
	};
	const collect = () => {
		const totals = new Map();
		for (const file of fs.readdirSync(dir)) {
			for (const row of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))) {
				const key = `${row.expression}\t${row.callers}`;
				totals.set(key, (totals.get(key) ?? 0) + row.count);
			}
		}
		fs.rmSync(dir, { recursive: true, force: true });
		const rows = [...totals].map(([key, count]) => {
			const [expression, callers] = key.split('\t');
			return { expression, callers, count };
		});
		return rows.sort((a, b) => b.count - a.count);
	};
	return { env, collect };
}

/** Runs one variant once and returns its figures. */
async function runVariant({ scenario, variant, sandbox, n8n, nodeBin, deadline, countExpressions }) {
	if (Date.now() > deadline) {
		throw new Error(`The bench ran past its ${TOTAL_TIMEOUT_MS / 60000} minute limit; lower --repetitions or pick scenarios with --only`);
	}
	await sleep(PAUSE_BETWEEN_RUNS_MS);
	scenario.prepare(sandbox);

	if (variant.program) {
		const printed = await runRawGet(nodeBin, sandbox.baseUrl, scenario.customerIds(sandbox));
		return scenario.measureRaw(sandbox, printed);
	}

	const counting = countExpressions ? expressionCounting() : undefined;
	const stopWatch = watchChildMemory(/\bn8n\b.*\bexecute\b/);
	const started = Date.now();
	let execution;
	let memory;
	let expressions;
	try {
		const env = { ...variant.env, ...counting?.env };
		execution = await n8n.execute(variant.workflowId, { timeoutMs: RUN_TIMEOUT_MS, env, timedNode: BENCH_NODE });
	} finally {
		memory = stopWatch();
		expressions = counting?.collect();
	}
	const figures = scenario.measure(sandbox, execution, variant);
	return {
		...figures,
		expressions,
		workflowError: execution.error,
		processMs: Date.now() - started,
		peakRss: memory.peakRss,
		peakTreeRss: memory.peakTreeRss,
	};
}

/** Formats one run's main figures for the progress log. */
function describeRun(figures) {
	const parts = [`node ${Math.round(figures.nodeMs)} ms`];
	for (const field of ['failedItems', 'created', 'requests', 'rateLimited', 'customers', 'duplicates', 'inPageOrder', 'firstRequestMs', 'requestSpanMs']) {
		if (figures[field] !== undefined) {
			parts.push(`${field} ${figures[field]}`);
		}
	}
	if (figures.nodeError) {
		parts.push(`node error: ${figures.nodeError}`);
	}
	return parts.join(', ');
}

async function main() {
	const options = parseArguments(process.argv.slice(2));
	const deadline = Date.now() + TOTAL_TIMEOUT_MS;
	const scenarios = SCENARIOS.filter((scenario) => options.only.includes(scenario.key));
	const startedAt = new Date();
	const finishLoadWatch = startLoadWatch();

	if (!fs.existsSync(path.join(REPOSITORY_ROOT, 'dist', 'nodes', 'Mono', 'Mono.node.js'))) {
		throw new Error('dist/ has no built node; run `npm run bench`, which builds first, or `npm run build`');
	}

	const sandbox = await startSandbox({ customers: SEEDED_CUSTOMERS, pageSize: PAGE_SIZE });
	log(`sandbox at ${sandbox.baseUrl} with ${SEEDED_CUSTOMERS} customers in pages of ${PAGE_SIZE}`);
	let n8n;

	// On Ctrl-C or SIGTERM, stop the n8n or raw-HTTP process this bench started, then the sandbox.
	// n8n waits for its execution on SIGTERM, so a child still alive after 5 s is killed.
	const stopOnSignal = async (signal) => {
		log(`${signal} received; stopping the child processes and the sandbox`);
		const children = childPidsOf(process.pid);
		const signalAll = (name) => {
			for (const pid of children) {
				try {
					process.kill(pid, name);
				} catch {
					// The child has ended already.
				}
			}
		};
		signalAll('SIGTERM');
		for (let waited = 0; waited < 5000 && children.some((pid) => childPidsOf(process.pid).includes(pid)); waited += 250) {
			await sleep(250);
		}
		signalAll('SIGKILL');
		n8n?.close();
		await sandbox.stop();
		process.exit(130);
	};
	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);

	try {
		n8n = await openN8n({ log });
		await n8n.importCredentials([
			{ ...MONO_CREDENTIAL, data: { secretKey: SECRET_KEY, baseUrl: sandbox.baseUrl } },
			{ ...HEADER_CREDENTIAL, data: { name: 'mono-sec-key', value: SECRET_KEY } },
		]);

		const workflows = [];
		for (const scenario of scenarios) {
			const values = { ...scenario.workflowValues(sandbox), SANDBOX_URL: sandbox.baseUrl };
			for (const variant of scenario.variants.filter((entry) => entry.workflow)) {
				const workflow = loadWorkflow(variant.workflow, values);
				variant.workflowId = workflow.id;
				// A diagnostic variant runs the same workflow as another, with other settings.
				if (!workflows.some((imported) => imported.id === workflow.id)) {
					workflows.push(workflow);
				}
			}
		}
		await n8n.importWorkflows(workflows);

		const results = [];
		for (const scenario of scenarios) {
			const repetitions = options.repetitions ?? DEFAULT_REPETITIONS[scenario.key];
			const runsByVariant = Object.fromEntries(scenario.variants.map((variant) => [variant.key, []]));
			log(`${scenario.title}: ${scenario.description}; ${repetitions} runs of each variant, interleaved`);

			// Variants take turns, so that a noisy minute on the shared machine hits all of them.
			for (let repetition = 1; repetition <= repetitions; repetition++) {
				for (const variant of scenario.variants) {
					const figures = await runVariant({
						scenario,
						variant,
						sandbox,
						n8n,
						nodeBin: n8n.nodeBin,
						deadline,
						countExpressions: options.countExpressions,
					});
					runsByVariant[variant.key].push(figures);
					log(`  ${variant.label}, run ${repetition}/${repetitions}: ${describeRun(figures)}`);
				}
			}
			results.push({
				key: scenario.key,
				title: scenario.title,
				inputItems: scenario.inputItems,
				description: scenario.description,
				repetitions,
				variants: scenario.variants.map(({ key, label, workflow, program, env, diagnostic }) => ({ key, label, workflow, program, env, diagnostic })),
				runs: runsByVariant,
				summary: scenario.summarise(runsByVariant),
			});
		}

		const report = {
			countExpressions: options.countExpressions,
			startedAt: startedAt.toISOString(),
			finishedAt: new Date().toISOString(),
			n8nVersion: N8N_VERSION,
			n8nNode: n8n.nodeVersion,
			machine: { ...describeMachine(), ...finishLoadWatch() },
			results,
		};
		fs.mkdirSync(RESULTS_DIR, { recursive: true });
		const resultsFile = path.join(RESULTS_DIR, options.countExpressions ? 'expression-counts.json' : 'results.json');
		fs.writeFileSync(resultsFile, `${JSON.stringify(report, null, '\t')}\n`);
		process.stdout.write(renderReport(report));
		log(`results written to ${path.relative(REPOSITORY_ROOT, resultsFile)}`);
	} finally {
		n8n?.close();
		await sandbox.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	process.exit(1);
});
