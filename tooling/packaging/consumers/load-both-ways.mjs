// Loads the core as an ES module and a store package through require(), which brings the core's
// CommonJS build: two copies of the core in one process, which the core warns about.
import { createRequire } from 'node:module';
import { FeatureFlagClient } from '@flipper-client/core';

const require = createRequire(import.meta.url);
const { CachedFeatureFlagStore } = require('@flipper-client/store-cached');
process.stdout.write(`${typeof FeatureFlagClient} ${typeof CachedFeatureFlagStore}\n`);
