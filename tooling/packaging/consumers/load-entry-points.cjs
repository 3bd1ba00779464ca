// A CommonJS consumer: requires every entry point of every published package.
const { report } = require('./consumer-report.cjs');

void report((specifier) => require(specifier));
