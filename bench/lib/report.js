// @ts-check
'use strict';
// Renders the bench results as Markdown tables, in the layout bench/README.md uses.

function seconds(ms) {
	return ms === null || ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
}

function milliseconds(ms) {
	return ms === null || ms === undefined ? 'n/a' : `${Math.round(ms)} ms`;
}

function mebibytes(bytes) {
	return bytes === null || bytes === undefined ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MiB`;
}

function times(value) {
	return value === null || value === undefined ? 'n/a' : `${value.toFixed(2)}×`;
}

/** Formats a summarised field as "median (min–max)", or the median alone when all runs agree. */
function spread(field, format) {
	if (!field || field.median === null) {
		return 'n/a';
	}
	const { min, max } = field.range;
	return min === max ? format(field.median) : `${format(field.median)} (${format(min)}–${format(max)})`;
}

const count = (value) => String(Math.round(value));

function table(header, rows) {
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const row of rows) {
		lines.push(`| ${row.join(' | ')} |`);
	}
	return `${lines.join('\n')}\n`;
}

function labelOf(result, key) {
	return result.variants.find((variant) => variant.key === key)?.label ?? key;
}

function renderBulkCreate(result) {
	const { rows, floorMs, target } = result.summary;
	const body = Object.entries(rows).map(([key, row]) => [
		labelOf(result, key),
		spread(row.nodeMs, seconds),
		spread(row.floorRatio, times),
		spread(row.failedItems, count),
		spread(row.created, count),
		spread(row.requests, count),
		spread(row.rateLimited, count),
		spread(row.firstRequestMs, seconds),
		spread(row.requestSpanMs, seconds),
	]);
	const lines = [
		table(
			['Variant', 'Node time', `× floor (${seconds(floorMs)})`, 'Failed items', 'Customers created', 'Requests sent', '429 responses', 'First request after', 'First to last request'],
			body,
		),
	];
	if (target) {
		lines.push(
			`Target: Mono node 0 failed items in every run (${target.failedItemsZero ? 'met' : 'missed'}), median within 1.15× the floor (${times(target.floorRatio)}, ${target.floorRatioMet ? 'met' : 'missed'}).\n`,
		);
	}
	return lines.join('\n');
}

function renderReturnAll(result) {
	const { rows, target } = result.summary;
	const body = Object.entries(rows).map(([key, row]) => [
		labelOf(result, key),
		spread(row.nodeMs, milliseconds),
		key === 'http' ? spread(row.splitMs, milliseconds) : '—',
		spread(row.requests, count),
		spread(row.customers, count),
		spread(row.duplicates, count),
		row.allInPageOrder ? 'yes' : 'no',
	]);
	return [
		table(['Variant', 'Node time', 'Split Out after it', 'Requests', 'Customers out', 'Duplicates', 'Page order in every run'], body),
		`Mono / HTTP Request node time: ${times(target.timeRatio)} (target ≤ 0.35×, ${target.timeRatioMet ? 'met' : 'missed'}); exactly 100 requests in every Mono run: ${target.requestsExactly100 ? 'yes' : 'no'}; Mono output in page order with no duplicates in every run: ${target.orderAndNoDuplicates ? 'yes' : 'no'}.\n`,
	].join('\n');
}

function renderPerItem(result) {
	const { rows, target, items } = result.summary;
	const body = Object.entries(rows).map(([key, row]) => [
		labelOf(result, key),
		spread(row.nodeMs, milliseconds),
		row.nodeMs.median === null ? 'n/a' : `${((row.nodeMs.median / items) * 1000).toFixed(0)} µs`,
		spread(row.failedItems, count),
		spread(row.requests, count),
		spread(row.firstRequestMs, milliseconds),
		spread(row.peakRss, mebibytes),
	]);
	return [
		table(['Variant', `Time for ${items} items`, 'Per item', 'Failed items', 'Requests', 'First request after', 'Peak RSS of the process'], body),
		`Mono / raw axios time: ${times(target.timeRatio)} (target ≤ 1.3×, ${target.timeRatioMet ? 'met' : 'missed'}). ` +
			`For comparison, HTTP Request node / raw: ${times(result.summary.httpRatio)}; Mono with the legacy engine / raw: ${times(result.summary.legacyRatio)}.\n`,
	].join('\n');
}

/** Renders the expression counts of each variant's first run, from a --count-expressions run. */
function renderExpressionCounts(result) {
	const lines = [];
	for (const variant of result.variants) {
		const rows = result.runs[variant.key]?.[0]?.expressions;
		if (!rows) {
			continue;
		}
		const total = rows.reduce((sum, row) => sum + row.count, 0);
		lines.push(`${variant.label}: ${total} expressions evaluated, ${(total / result.inputItems).toFixed(1)} per input item.\n`);
		lines.push(
			table(
				['Count', 'Expression', 'Evaluated by'],
				rows.slice(0, 12).map((row) => [String(row.count), `\`${row.expression.replace(/\|/g, '\\|')}\``, row.callers || '—']),
			),
		);
	}
	return lines.join('\n');
}

const RENDERERS = { 'bulk-create': renderBulkCreate, 'return-all': renderReturnAll, 'per-item': renderPerItem };

/** Renders a whole bench report as Markdown. */
function renderReport(report) {
	const { machine } = report;
	const share = (value) => (value === null ? 'n/a' : `${Math.round(value * 100)} %`);
	const parts = [
		report.countExpressions
			? `## Expression counts of ${report.startedAt} (n8n ran with a counting hook, so these times are not comparable)\n`
			: `## Results of ${report.startedAt}\n`,
		`n8n ${report.n8nVersion} on Node.js ${report.n8nNode}; ${machine.logicalCpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.kernel}. ` +
			`During the bench the CPUs were ${share(machine.busyShare)} busy (steal ${share(machine.stealShare)}); load average ${machine.loadAverageBefore.toFixed(2)} before, ${machine.loadAverageAfter.toFixed(2)} after.\n`,
	];
	for (const result of report.results) {
		parts.push(`### ${result.title}: ${result.description}\n`);
		parts.push(`Median of ${result.repetitions} runs per variant, with the range in brackets.\n`);
		parts.push(RENDERERS[result.key](result));
		if (report.countExpressions) {
			parts.push(renderExpressionCounts(result));
		}
	}
	return `${parts.join('\n')}\n`;
}

module.exports = { renderReport };
