import { FlagError } from '../errors.js';
import type { CommandContext, CommandResult } from '../session.js';
import { changeFlag } from './change.js';

export function createCommand(context: CommandContext, name: string, options: { enabled?: boolean; force?: boolean }): CommandResult {
  return changeFlag(context, name, async (features) => {
    // The library's create replaces a flag of the same name, as Python's does; from a terminal
    // that is more often a typo than a wish, so it takes --force.
    if (options.force !== true && (await features.exists(name))) {
      throw new FlagError(`flag ${JSON.stringify(name)}: already exists (--force replaces it, with its conditions, bucketer and client data)`);
    }
    await features.create(name, { isEnabled: options.enabled === true });
    return `created ${name} (${options.enabled === true ? 'enabled' : 'disabled'})`;
  });
}

export function enableCommand(context: CommandContext, name: string): CommandResult {
  return changeFlag(context, name, async (features) => {
    await features.enable(name);
    return `enabled ${name}`;
  });
}

export function disableCommand(context: CommandContext, name: string): CommandResult {
  return changeFlag(context, name, async (features) => {
    await features.disable(name);
    return `disabled ${name}`;
  });
}

export function destroyCommand(context: CommandContext, name: string): CommandResult {
  return changeFlag(context, name, async (features) => {
    await features.destroy(name);
    return `destroyed ${name}`;
  });
}
