// Lets plain `node` require the project's TypeScript files, by transpiling each one with the
// project's own TypeScript compiler as it loads. Type checking is left to `tsc` and the tests.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

// Node tries extensions in the order they were registered. `Mono.node` must find Mono.node.ts
// before the codex file Mono.node.json beside it, so .json is registered again after .ts.
const loadJson = require.extensions['.json'];
delete require.extensions['.json'];

require.extensions['.ts'] = function compileTypeScript(module, filename) {
	const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2021,
			esModuleInterop: true,
			sourceMap: false,
		},
	});
	module._compile(outputText, filename);
};

require.extensions['.json'] = loadJson;
