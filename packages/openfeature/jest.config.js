import { createJestConfig } from '../../tooling/config/jest.base.js';

export default createJestConfig({
  moduleNameMapper: {
    // The example imports this package by its published name, as a user would.
    '^@flipper-client/openfeature$': '<rootDir>/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
});
