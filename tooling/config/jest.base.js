// Shared jest setup for the workspace's ESM TypeScript packages.
// Sources use NodeNext `.js` suffixes in relative imports; ts-jest resolves them to the `.ts`
// files through the mapper below. Workspace dependencies resolve to their built `dist`, which
// is why turbo's `test` task depends on `^build`.

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
