// @ts-check
'use strict';
// The raw-HTTP baseline of the per-item benchmark: sends GET /v2/customers/{id} for every id at
// once with axios, as n8n sends a declarative node's items, and prints one JSON line with the
// time from the first request to the last response. bench/run.js starts it in its own process
// with the Node.js that runs n8n, so that the client does not share an event loop with the sandbox.
//
// Usage: node bench/raw-get.js BASE_URL IDS_FILE   (the secret key comes from MONO_SECRET_KEY)

const fs = require('node:fs');
const axios = require('axios');

async function main() {
	const [baseUrl, idsFile] = process.argv.slice(2);
	const secretKey = process.env.MONO_SECRET_KEY;
	if (!baseUrl || !idsFile || !secretKey) {
		throw new Error('Usage: MONO_SECRET_KEY=KEY node bench/raw-get.js BASE_URL IDS_FILE');
	}
	const ids = JSON.parse(fs.readFileSync(idsFile, 'utf8'));
	const client = axios.create({
		baseURL: baseUrl,
		headers: { 'mono-sec-key': secretKey, Accept: 'application/json' },
		timeout: 30_000,
		validateStatus: () => true,
	});

	const started = performance.now();
	const responses = await Promise.all(ids.map((id) => client.get(`/v2/customers/${encodeURIComponent(id)}`)));
	const records = responses.filter((response) => response.status === 200).map((response) => response.data.data);
	const elapsedMs = performance.now() - started;

	process.stdout.write(
		`${JSON.stringify({
			elapsedMs,
			items: ids.length,
			succeeded: records.length,
			failed: ids.length - records.length,
			peakRss: process.resourceUsage().maxRSS * 1024,
			node: process.version,
		})}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`raw-get failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
