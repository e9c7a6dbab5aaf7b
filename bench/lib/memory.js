// @ts-check
'use strict';
// Peak memory of a child process, read from Linux's /proc while it runs.

const fs = require('node:fs');

const SAMPLE_INTERVAL_MS = 200;

/**
 * Reads VmHWM (the kernel's peak resident set size) and VmRSS of a process, in bytes. Returns
 * undefined when the process is gone or has no memory left to report.
 */
function readMemory(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
		const peakRss = kib('VmHWM') * 1024;
		const rss = kib('VmRSS') * 1024;
		// A process that has exited but not yet been reaped (a zombie) has no memory lines.
		return Number.isFinite(peakRss) && Number.isFinite(rss) ? { peakRss, rss } : undefined;
	} catch {
		return undefined;
	}
}

/** Returns the ids of the live processes whose parent is `parentPid`. */
function childPidsOf(parentPid) {
	const children = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name in brackets may contain spaces, so the fields are read after its ')'.
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (parent === parentPid) {
				children.push(Number(entry));
			}
		} catch {
			// The process ended between readdir and read.
		}
	}
	return children;
}

/** Returns the command line of a process, or '' once it has ended. */
function commandLineOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

/**
 * Samples the memory of the processes this process starts whose command line matches `pattern`
 * (and of their own child processes), until `stop()` is called.
 * `stop()` returns the largest VmHWM seen for the matching process itself and the largest sum of
 * VmRSS over it and its descendants at one sample. NOTE: a rise of RSS in the last
 * SAMPLE_INTERVAL_MS before the process exits is missed, because /proc is read by sampling.
 */
function watchChildMemory(pattern) {
	let peakRss = 0;
	let peakTreeRss = 0;
	let watchedPid;

	const sample = () => {
		if (watchedPid === undefined || readMemory(watchedPid) === undefined) {
			watchedPid = childPidsOf(process.pid).find((pid) => pattern.test(commandLineOf(pid)));
		}
		if (watchedPid === undefined) {
			return;
		}
		const own = readMemory(watchedPid);
		if (own === undefined) {
			return;
		}
		peakRss = Math.max(peakRss, own.peakRss);
		let treeRss = own.rss;
		const pending = childPidsOf(watchedPid);
		for (let guard = 0; pending.length > 0 && guard < 64; guard++) {
			const pid = /** @type {number} */ (pending.pop());
			treeRss += readMemory(pid)?.rss ?? 0;
			pending.push(...childPidsOf(pid));
		}
		peakTreeRss = Math.max(peakTreeRss, treeRss);
	};

	const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
	return function stop() {
		clearInterval(timer);
		return { peakRss: peakRss || null, peakTreeRss: peakTreeRss || null };
	};
}

module.exports = { watchChildMemory, readMemory, childPidsOf };
