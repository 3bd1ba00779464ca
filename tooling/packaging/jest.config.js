import { createJestConfig } from '../config/jest.base.js';

// Each test runs whole tools (attw over every tarball, tsc over a project with every package's
// declarations): seconds on an idle machine, much longer on a loaded 2-core one.
export default createJestConfig({ testTimeout: 300_000 });
