import { createJestConfig, uuidStandInMapping } from '../../tooling/config/jest.base.js';

const base = createJestConfig();

export default createJestConfig({
  // thrift 0.24 require()s the ESM-only `uuid`, which Jest's module system cannot load (the
  // spawned `flipper` binary runs on plain Node, which can).
  moduleNameMapper: { ...base.moduleNameMapper, ...uuidStandInMapping },
  // The tests spawn the built binary against real servers; a copy of 1,000 flags between two
  // network stores takes a few seconds.
  testTimeout: 120_000,
});
