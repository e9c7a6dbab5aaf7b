// @ts-check
'use strict';
/*
 * Keeps track of the programs that the scripts in this folder start (npm, n8n), so that an
 * interrupted run stops them too instead of leaving them running.
 *
 * Module API:
 *   trackChild(child) -> child
 *     Remembers a spawned ChildProcess until it exits.
 *   stopChildrenOnSignal()
 *     Makes SIGINT and SIGTERM send SIGTERM to every tracked child that is still running, then
 *     exit with 130 or 143. A command's entry point calls it once.
 */

const running = new Set();

function trackChild(child) {
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

let handlersInstalled = false;

function stopChildrenOnSignal() {
	if (handlersInstalled) {
		return;
	}
	handlersInstalled = true;
	for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]]) {
		process.once(signal, () => {
			for (const child of running) {
				child.kill('SIGTERM');
			}
			process.exit(exitCode);
		});
	}
}

module.exports = { trackChild, stopChildrenOnSignal };
