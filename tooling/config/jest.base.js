// Shared jest setup for the workspace's ESM TypeScript packages.
// Sources use NodeNext `.js` suffixes in relative imports; ts-jest resolves them to the `.ts`
// files through the mapper below. Workspace dependencies resolve to their built `dist`, which
// is why turbo's `test` task depends on `^build`.

import { fileURLToPath } from 'node:url';

/**
 * A `moduleNameMapper` entry for packages whose tests load thrift: thrift 0.24 require()s the
 * ESM-only `uuid`, which Jest's module loader cannot; a CommonJS stand-in takes its place.
 */
export const uuidStandInMapping = { '^uuid$': fileURLToPath(new URL('./jest-uuid-commonjs.cjs', import.meta.url)) };

/**
 * @param {import('jest').Config} [overrides]
 * @returns {import('jest').Config}
 */
export function createJestConfig(overrides = {}) {
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: {
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    transform: {
      '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
    },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testTimeout: 20_000,
    ...overrides,
  };
}
