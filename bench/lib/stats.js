// @ts-check
'use strict';
// Summary statistics for benchmark repetitions.

/** Returns the median of the finite numbers in `values`, or null when there are none. */
function median(values) {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) {
		return null;
	}
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Returns the smallest and largest finite value in `values`, or null when there are none. */
function range(values) {
	const finite = values.filter((value) => Number.isFinite(value));
	if (finite.length === 0) {
		return null;
	}
	return { min: Math.min(...finite), max: Math.max(...finite) };
}

/** Returns numerator / denominator, or null when either is missing or the denominator is 0. */
function ratio(numerator, denominator) {
	if (numerator === null || denominator === null || denominator === 0) {
		return null;
	}
	return numerator / denominator;
}

module.exports = { median, range, ratio };
