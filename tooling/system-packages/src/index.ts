export { ensureCommands, hasCommand, MissingSystemPackageError } from './ensure-commands.js';
export type { SystemRequirement } from './ensure-commands.js';
