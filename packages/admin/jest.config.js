import { createJestConfig } from '../../tooling/config/jest.base.js';

export default createJestConfig({
  // The browser and Redis suites start their own servers; two at once is enough on 2 cores.
  maxWorkers: 2,
  testTimeout: 60_000,
});
