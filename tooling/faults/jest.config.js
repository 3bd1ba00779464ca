import { createJestConfig, uuidStandInMapping } from '../../tooling/config/jest.base.js';

const base = createJestConfig();

export default createJestConfig({
  // Every file starts real servers and worker processes: one file at a time keeps a 2-core
  // machine responsive enough for the latency bounds the tests assert.
  maxWorkers: 1,
  testTimeout: 60_000,
  setupFiles: ['<rootDir>/test/support/environment.js'],
  moduleNameMapper: { ...base.moduleNameMapper, ...uuidStandInMapping },
});
