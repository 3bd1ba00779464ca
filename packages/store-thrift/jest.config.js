import { createJestConfig } from '../../tooling/config/jest.base.js';

const base = createJestConfig();

export default createJestConfig({
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // thrift 0.24 requires the ESM-only uuid, which Jest cannot require(); see the stand-in,
    // which the package exports as `@flipper-client/store-thrift/testing/uuid-commonjs`.
    '^uuid$': '<rootDir>/src/testing/uuid-commonjs.cjs',
  },
});
