import type { ReferenceRow } from './scenario.js';

/**
 * Numbers quoted in issue 8, measured on this kind of machine (2 cores, Node 20) with the
 * Python library's memory store. They are printed as reference rows, never as measurements.
 */
const LABEL = 'reference (Python, from issue, not measured here)';
const LIBRARY = 'Python flipper-client';

export const PYTHON_PLAIN: ReferenceRow = { library: LIBRARY, label: LABEL, opsPerSecond: 3.2e6 };
export const PYTHON_TWO_CONDITIONS: ReferenceRow = { library: LIBRARY, label: LABEL, opsPerSecond: 0.75e6 };
export const PYTHON_CONSISTENT_HASH: ReferenceRow = { library: LIBRARY, label: LABEL, opsPerSecond: 0.27e6 };
