import { createJestConfig } from '../../tooling/config/jest.base.js';

const base = createJestConfig();

export default createJestConfig({
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // thrift 0.24 require()s the ESM-only `uuid`, which Jest's module system cannot load (plain
    // Node 20.19+ can). The Thrift service has no UUID field; a CommonJS stand-in takes its place.
    '^uuid$': '<rootDir>/test/support/uuid-stand-in.cjs',
  },
});
