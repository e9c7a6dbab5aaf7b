// @ts-check
'use strict';
// Describes the machine a benchmark ran on, and how busy it was, for the results table.

const fs = require('node:fs');
const os = require('node:os');

/** Reads the aggregate CPU line of /proc/stat: jiffies spent idle, in steal, and in total. */
function readCpuTimes() {
	try {
		const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
		const fields = line.trim().split(/\s+/).slice(1).map(Number);
		// Field order (proc(5)): user nice system idle iowait irq softirq steal guest guest_nice.
		const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
		return { idle: fields[3] + fields[4], steal: fields[7] ?? 0, total };
	} catch {
		return undefined;
	}
}

/** Returns the static description of this machine. */
function describeMachine() {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0]?.model ?? 'unknown',
		logicalCpus: cpus.length,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		kernel: `${os.type()} ${os.release()} ${os.arch()}`,
		benchNode: process.version,
	};
}

/**
 * Starts measuring how busy the machine is. The returned function reports, since the start,
 * the share of CPU time other than idle, the share stolen by the hypervisor, and the load
 * averages at both ends.
 */
function startLoadWatch() {
	const before = readCpuTimes();
	const loadBefore = os.loadavg();
	return function finish() {
		const after = readCpuTimes();
		const result = { loadAverageBefore: loadBefore[0], loadAverageAfter: os.loadavg()[0], busyShare: null, stealShare: null };
		if (before && after && after.total > before.total) {
			const total = after.total - before.total;
			result.busyShare = 1 - (after.idle - before.idle) / total;
			result.stealShare = (after.steal - before.steal) / total;
		}
		return result;
	};
}

module.exports = { describeMachine, startLoadWatch };
