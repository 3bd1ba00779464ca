import { createJestConfig, uuidStandInMapping } from '../../tooling/config/jest.base.js';

const base = createJestConfig();

export default createJestConfig({
  moduleNameMapper: { ...base.moduleNameMapper, ...uuidStandInMapping },
});
