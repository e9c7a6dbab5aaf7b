#!/usr/bin/env node
// @ts-check
'use strict';
/*
 * Checks the Mono node in n8n's editor, in a real browser. It starts `n8n start` on a free
 * loopback port with a throwaway user folder and the staged package, and sets up the owner
 * account through n8n's REST API. Then it drives the editor with Debian's Chromium through
 * playwright-core. It adds the Mono node's "Create a customer" action, reads which parameters the
 * node panel shows for Customer Type Individual and Business, and takes a screenshot of each into
 * test-artifacts/. It also reads the node-type list that n8n serves to the editor (`/types/nodes.json`) and checks
 * that it contains the node's AI-tool variant (`CUSTOM.monoTool`), which n8n generates because
 * the node sets `usableAsTool`.
 *
 * The browser may only reach loopback addresses: every other request is aborted.
 *
 * Command:  node scripts/n8n/editor-check.js   (run `npm run build` first; installs n8n 2.40.7
 *           and Debian's chromium when missing)
 *
 * Module API:
 *   EDITOR_CHECK_VERSION: string
 *     The n8n version the check runs on.
 *   EXPECTED_FIELDS: { individual: string[], business: string[] }
 *     The parameter labels the node panel must show, in order, for each customer type.
 *   async runEditorCheck({ n8n, extensionsDir, artifactsDir?, log? })
 *       -> Array<{ name, problems: string[], seconds }>
 *     Runs the checks against an installed n8n (from install.js `ensureN8n`) and the staged
 *     package folder (from n8n-cli.js `stagePackage`). A check passed when `problems` is empty.
 *     It throws nothing: a failure to start n8n or Chromium is reported as a failed check.
 *     `log(line)` receives progress lines (default: stderr).
 *     Screenshots go to `artifactsDir` (default test-artifacts/). The Individual one is also
 *     copied to docs/images/mono-create-individual.png when that file is missing or
 *     N8N_UPDATE_README_IMAGE=true.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { stopChildrenOnSignal, trackChild } = require('./child-processes');
const { createUserFolder, findFreePort, n8nEnvironment, stagePackage } = require('./n8n-cli');

const EDITOR_CHECK_VERSION = '2.40.7';
const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_ARTIFACTS_DIR = path.join(REPOSITORY_ROOT, 'test-artifacts');
const README_IMAGE = path.join(REPOSITORY_ROOT, 'docs', 'images', 'mono-create-individual.png');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const STARTUP_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 1_000;
const STOP_TIMEOUT_MS = 20_000;
const UI_TIMEOUT_MS = 30_000;

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	// n8n requires 8 to 64 characters with a number and a capital letter.
	password: 'Sandbox-Password-1',
};

// Parameter labels in the node panel, top to bottom, below the credential selector.
const EXPECTED_FIELDS = {
	individual: [
		'Resource',
		'Operation',
		'Customer Type',
		'Email',
		'First Name',
		'Last Name',
		'Address',
		'Phone',
		'Identity Type',
		'Identity Number',
		'Options',
	],
	business: ['Resource', 'Operation', 'Customer Type', 'Email', 'Business Name', 'Address', 'Phone', 'Shareholder BVN', 'Options'],
};

// The same fields by parameter name. Options is a collection, which has no input of its own.
const EXPECTED_PARAMETER_NAMES = {
	individual: ['resource', 'operation', 'customerType', 'email', 'firstName', 'lastName', 'address', 'phone', 'identityType', 'identityNumber'],
	business: ['resource', 'operation', 'customerType', 'email', 'businessName', 'address', 'phone', 'identityNumber'],
};

function sleep(milliseconds) {
	return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Installs Debian's chromium package when /usr/bin/chromium is missing. Throws when apt-get fails. */
function ensureChromium(log) {
	if (fs.existsSync(CHROMIUM)) {
		return;
	}
	log('installing Debian chromium (apt-get update, apt-get install -y chromium)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', 'chromium']]) {
		const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60 * 1000 });
		if (result.status !== 0) {
			throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}): ${String(result.stderr).slice(-2000)}`);
		}
	}
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`apt-get installed chromium, but ${CHROMIUM} does not exist`);
	}
}

/**
 * Starts `n8n start` on a free loopback port and resolves once its REST API responds. Returns the
 * base URL and a `stop()` that ends the process (SIGTERM, then SIGKILL after 20 s).
 */
async function startN8n(n8n, extensionsDir, userFolder, log) {
	const port = await findFreePort();
	const brokerPort = await findFreePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = n8nEnvironment({
		userFolder,
		extensionsDir,
		env: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			// Plain http on loopback: the auth cookie must not require https.
			N8N_SECURE_COOKIE: 'false',
			// Keep n8n from reaching services outside this machine.
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_LOG_LEVEL: 'warn',
		},
	});
	const child = trackChild(spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], { cwd: userFolder, env, stdio: ['ignore', 'pipe', 'pipe'] }));
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-20_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exited = false;
	const exitPromise = new Promise((resolve) => child.on('exit', () => {
		exited = true;
		resolve(undefined);
	}));

	const stop = async () => {
		if (exited) {
			return;
		}
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await exitPromise;
		clearTimeout(timer);
	};

	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exited) {
			throw new Error(`n8n start exited before it was ready:\n${output.slice(-4000)}`);
		}
		try {
			// /healthz returns 200 while n8n is still starting, but /rest/settings returns JSON only once it is up.
			const response = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5_000) });
			const type = response.headers.get('content-type') ?? '';
			if (response.ok && type.includes('application/json')) {
				log(`n8n ${n8n.version} is ready on ${baseUrl}`);
				return { baseUrl, stop, output: () => output };
			}
		} catch {
			// Not listening yet.
		}
		await sleep(POLL_INTERVAL_MS);
	}
	await stop();
	throw new Error(`n8n start was not ready within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output.slice(-4000)}`);
}

/** Aborts every request the page makes to a host other than loopback. */
async function keepBrowserOnLoopback(context) {
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		const local = url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK_HOSTNAMES.has(url.hostname);
		return local ? route.continue() : route.abort('blockedbyclient');
	});
}

/** Reads the labels and parameter names the node panel shows, top to bottom. */
async function readShownFields(page) {
	return await page.evaluate(() => {
		const root = document.querySelector('[data-test-id="node-parameters"]');
		if (!root) {
			return { labels: [], names: [] };
		}
		const isShown = (element) => element.getClientRects().length > 0;
		// A label's text also contains its hover controls ("Fixed", "Expression") on later lines.
		const labels = [...root.querySelectorAll('[data-test-id="input-label"]')]
			.filter(isShown)
			.map((element) => /** @type {HTMLElement} */ (element).innerText.split('\n')[0].trim());
		const names = [...root.querySelectorAll('[data-test-id^="parameter-input-"]')]
			.filter(isShown)
			.map((element) => String(element.getAttribute('data-test-id')).slice('parameter-input-'.length))
			.filter((name) => name !== 'field' && name !== 'item');
		return { labels, names };
	});
}

function compareList(label, actual, expected) {
	return JSON.stringify(actual) === JSON.stringify(expected)
		? []
		: [`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/**
 * Saves a screenshot of the whole window, and one of the node panel's parameters alone (from its
 * tabs down to the end of the Options collection), and returns the second one's path.
 */
async function takeScreenshots(page, artifactsDir, baseName) {
	// Move the pointer off the panel, so no hover controls are drawn over the labels.
	await page.mouse.move(1200, 600);
	await page.waitForTimeout(300);
	await page.screenshot({ path: path.join(artifactsDir, `${baseName}-window.png`) });

	const panel = await page.getByTestId('node-parameters').boundingBox();
	// The Options collection's "Add Option" control is the last parameter in the panel.
	const addOption = await page.evaluate(() => {
		const root = document.querySelector('[data-test-id="node-parameters"]');
		const addButtons = [...(root?.querySelectorAll('[data-test-id="collection-parameter-add"]') ?? [])].filter(
			(element) => element.getClientRects().length > 0,
		);
		const box = addButtons.at(-1)?.getBoundingClientRect();
		return box ? { y: box.y, height: box.height } : undefined;
	});
	if (!panel || !addOption) {
		throw new Error('the node panel or its Add Option control is not on screen, so no panel screenshot was taken');
	}
	const top = Math.max(0, panel.y - 48);
	const panelFile = path.join(artifactsDir, `${baseName}.png`);
	await page.screenshot({
		path: panelFile,
		clip: { x: panel.x, y: top, width: panel.width, height: addOption.y + addOption.height + 16 - top },
	});
	return panelFile;
}

/** Checks that n8n lists the Mono node and its AI-tool variant among its node types. */
async function checkToolVariant(context, baseUrl) {
	// POST /rest/node-types returns 400 "Unrecognized node type" for generated tool variants in
	// n8n 2.40.7, so this reads the node-type list the editor itself loads.
	const response = await context.request.get(`${baseUrl}/types/nodes.json`, { timeout: UI_TIMEOUT_MS });
	if (!response.ok()) {
		return [`GET /types/nodes.json returned ${response.status()}`];
	}
	const types = await response.json();
	const mono = types.find((type) => type.name === 'CUSTOM.mono');
	const tool = types.find((type) => type.name === 'CUSTOM.monoTool');
	const problems = [];
	if (!mono) {
		problems.push('n8n does not list CUSTOM.mono');
	}
	if (!tool) {
		problems.push('n8n does not list CUSTOM.monoTool, the AI-tool variant of the node');
	} else if (JSON.stringify(tool.outputs) !== JSON.stringify(['ai_tool'])) {
		problems.push(`CUSTOM.monoTool has outputs ${JSON.stringify(tool.outputs)}, expected ["ai_tool"]`);
	}
	return problems;
}

/** Opens a new workflow, adds Mono's "Create a customer" action and waits for the node panel. */
async function openCreateCustomer(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Mono');
	await page.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-id^="CUSTOM.mono-"]').click();
	await page.getByTestId('node-creator').getByText('Create a customer', { exact: true }).click();
	await page.getByTestId('parameter-input-customerType').waitFor();
}

async function selectCustomerType(page, label) {
	await page.getByTestId('parameter-input-customerType').click();
	await page.getByRole('option', { name: label, exact: true }).click();
	await page.getByTestId(label === 'Business' ? 'parameter-input-businessName' : 'parameter-input-firstName').waitFor();
}

async function runEditorCheck({ n8n, extensionsDir, artifactsDir = DEFAULT_ARTIFACTS_DIR, log = logToStderr }) {
	const checks = [];
	const started = Date.now();
	const secondsSince = (time) => (Date.now() - time) / 1000;
	fs.mkdirSync(artifactsDir, { recursive: true });
	// Screenshots of an earlier run would pass for this run's. Other tools' files in the folder stay.
	for (const file of fs.readdirSync(artifactsDir)) {
		if (/^mono-create-.*\.png$/.test(file)) {
			fs.rmSync(path.join(artifactsDir, file));
		}
	}

	const userFolder = createUserFolder();
	let server;
	let browser;
	try {
		ensureChromium(log);
		server = await startN8n(n8n, extensionsDir, userFolder, log);
		// Loaded here, so that the CLI checks run even where playwright-core is missing.
		const { chromium, selectors } = require('playwright-core');
		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: UI_TIMEOUT_MS });
		const context = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
		context.setDefaultTimeout(UI_TIMEOUT_MS);
		await keepBrowserOnLoopback(context);

		// The owner setup response sets the auth cookie, which the context keeps for the page.
		const setup = await context.request.post(`${server.baseUrl}/rest/owner/setup`, { data: OWNER });
		if (!setup.ok()) {
			throw new Error(`POST /rest/owner/setup returned ${setup.status()}: ${(await setup.text()).slice(0, 500)}`);
		}
		checks.push({ name: 'editor: n8n starts with the package, owner set up', problems: [], seconds: secondsSince(started) });

		let time = Date.now();
		checks.push({ name: 'editor: AI-tool variant CUSTOM.monoTool registered', problems: await checkToolVariant(context, server.baseUrl), seconds: secondsSince(time) });

		const page = await context.newPage();
		for (const [type, label] of [['individual', 'Individual'], ['business', 'Business']]) {
			time = Date.now();
			const problems = [];
			try {
				if (type === 'individual') {
					await openCreateCustomer(page, server.baseUrl);
				} else if (!(await page.getByTestId('parameter-input-customerType').isVisible())) {
					throw new Error('skipped: the node panel did not open (see the Individual check)');
				}
				await selectCustomerType(page, label);
				const displayed = await readShownFields(page);
				problems.push(...compareList('labels', displayed.labels, EXPECTED_FIELDS[type]));
				problems.push(...compareList('parameter names', displayed.names, EXPECTED_PARAMETER_NAMES[type]));
				const screenshot = await takeScreenshots(page, artifactsDir, `mono-create-${type}`);
				// The README's copy is tracked by git, so a run replaces it only when asked to.
				const updateReadmeImage = !fs.existsSync(README_IMAGE) || process.env.N8N_UPDATE_README_IMAGE === 'true';
				if (type === 'individual' && updateReadmeImage) {
					fs.mkdirSync(path.dirname(README_IMAGE), { recursive: true });
					fs.copyFileSync(screenshot, README_IMAGE);
				}
			} catch (error) {
				problems.push(String(/** @type {Error} */ (error)?.message ?? error));
				await page.screenshot({ path: path.join(artifactsDir, `mono-create-${type}-failure.png`) }).catch(() => undefined);
			}
			checks.push({ name: `editor: Customer > Create shows the ${label} fields`, problems, seconds: secondsSince(time) });
		}
	} catch (error) {
		const output = server ? `\n${server.output().slice(-3000)}` : '';
		checks.push({ name: 'editor: check ran to the end', problems: [`${String(/** @type {Error} */ (error)?.message ?? error)}${output}`], seconds: secondsSince(started) });
	} finally {
		if (browser) {
			await browser.close().catch(() => undefined);
		}
		if (server) {
			await server.stop();
		}
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return checks;
}

function logToStderr(line) {
	process.stderr.write(`[editor check] ${line}\n`);
}

module.exports = { EDITOR_CHECK_VERSION, EXPECTED_FIELDS, runEditorCheck };

if (require.main === module) {
	stopChildrenOnSignal();
	(async () => {
		const { ensureN8n } = require('./install');
		const n8n = await ensureN8n(EDITOR_CHECK_VERSION);
		const stage = stagePackage();
		try {
			const checks = await runEditorCheck({ n8n, extensionsDir: stage.extensionsDir });
			for (const check of checks) {
				process.stdout.write(`${check.problems.length === 0 ? 'PASS' : 'FAIL'}  ${check.name}\n`);
				for (const problem of check.problems) {
					process.stdout.write(`      ${problem}\n`);
				}
			}
			process.exitCode = checks.every((check) => check.problems.length === 0) ? 0 : 1;
		} finally {
			stage.cleanup();
		}
	})().catch((error) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exitCode = 1;
	});
}
