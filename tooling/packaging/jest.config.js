import { createJestConfig } from '../config/jest.base.js';

export default createJestConfig();
