// Copies what tsc does not emit into dist/: the SVG icons and the codex (*.node.json) files.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,json}', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:assets'] = copyAssets;
