// The package's main entry. n8n itself loads the files listed under "n8n" in package.json; this
// entry lets other code require the node and credential classes after `npm run build`.
const { Mono } = require('./dist/nodes/Mono/Mono.node.js');
const { MonoApi } = require('./dist/credentials/MonoApi.credentials.js');

module.exports = { Mono, MonoApi };
