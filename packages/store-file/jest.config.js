import { createJestConfig } from '../../tooling/config/jest.base.js';

export default createJestConfig();
