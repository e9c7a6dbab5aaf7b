#!/usr/bin/env node
'use strict';
// Starts the Mono sandbox on 127.0.0.1 and prints its base URL. Run `npm run sandbox -- --help`.

const { startSandbox, DEFAULT_SECRET_KEY, DEFAULT_PAGE_SIZE } = require('./server');

const USAGE = `Usage: npm run sandbox -- [options]

  --port N              port on 127.0.0.1 (default: a free port)
  --key KEY             secret key to accept (default: ${DEFAULT_SECRET_KEY})
  --page-size N         records per page of every list (default: ${DEFAULT_PAGE_SIZE})
  --customers N         seeded customers (default: 24)
  --latency MS          added delay per request
  --rate-limit R        answer 429 past R requests per second
  --no-retry-after      send 429 without a Retry-After header
  --next-mode MODE      normal | repeat | back | endless
  --duplicate-detail    send data.existing_customer.id with a duplicate-customer error
  --fault SPEC          repeatable; SPEC is comma-separated key=value pairs. Keys: kind
                        (status, slow, drop, malformed, failedInOk), method, path (":id" matches
                        one segment), calls (matching calls to hit, joined with +, such as 2+3),
                        share (0 to 1), status, delayMs, retryAfter (seconds, with status).
                        A rule counts only requests that reach it: those answered by the rate
                        limit or an earlier rule are not counted. Examples:
                        kind=status,status=503,method=GET,path=/v2/customers,calls=2+3
                        kind=slow,delayMs=40000,path=/v2/customers/:id
                        kind=drop,share=0.3   kind=malformed   kind=failedInOk
  --faults JSON         the whole fault settings as JSON (see sandbox/faults.js)
`;

function parseFault(spec) {
	const rule = {};
	for (const pair of spec.split(',')) {
		const [key, value] = pair.split('=');
		if (key === 'calls') rule.calls = value.split('+').map(Number);
		else if (['status', 'delayMs', 'share', 'retryAfter'].includes(key)) rule[key] = Number(value);
		else rule[key] = value;
	}
	return rule;
}

/** Parses a whole number of at least `min`, or throws naming the flag. */
function wholeNumber(flag, text, min) {
	const number = Number(text);
	if (!Number.isInteger(number) || number < min) {
		throw new Error(`${flag} needs a whole number of at least ${min}, not "${text}"`);
	}
	return number;
}

function parseArguments(argv) {
	const options = { faults: { rules: [] } };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		switch (flag) {
			case '--port': options.port = wholeNumber(flag, value(), 0); break;
			case '--key': options.secretKey = value(); break;
			case '--page-size': options.pageSize = wholeNumber(flag, value(), 1); break;
			case '--customers': options.customers = wholeNumber(flag, value(), 0); break;
			case '--latency': options.faults.latencyMs = wholeNumber(flag, value(), 0); break;
			case '--rate-limit': options.faults.rateLimit = { ...options.faults.rateLimit, perSecond: wholeNumber(flag, value(), 1) }; break;
			case '--no-retry-after': options.faults.rateLimit = { ...options.faults.rateLimit, retryAfter: false }; break;
			case '--next-mode': options.faults.nextMode = value(); break;
			case '--duplicate-detail': options.duplicateDetail = true; break;
			case '--fault': options.faults.rules.push(parseFault(value())); break;
			case '--faults': options.faults = { rules: [], ...JSON.parse(value()) }; break;
			case '--help': case '-h': process.stdout.write(USAGE); process.exit(0); break;
			default: throw new Error(`Unknown option ${flag}. Run with --help to list the options.`);
		}
	}
	return options;
}

async function main() {
	let options;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exit(2);
	}
	let sandbox;
	try {
		sandbox = await startSandbox(options);
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exit(2);
	}
	process.stdout.write(`Mono sandbox listening at ${sandbox.baseUrl} (secret key: ${sandbox.secretKey})\n`);

	const shutDown = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutDown);
	process.on('SIGTERM', shutDown);
}

main();
