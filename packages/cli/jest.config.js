import { createRequire } from 'node:module';
import { createJestConfig } from '../../tooling/config/jest.base.js';

const require = createRequire(import.meta.url);
const base = createJestConfig();

export default createJestConfig({
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // thrift 0.24 require()s the ESM-only `uuid`, which Jest's module system cannot load (the
    // spawned `flipper` binary runs on plain Node, which can): the stand-in store-thrift ships.
    '^uuid$': require.resolve('@flipper-client/store-thrift/testing/uuid-commonjs'),
  },
  // The tests spawn the built binary against real servers; a copy of 1,000 flags between two
  // network stores takes a few seconds.
  testTimeout: 120_000,
});
