import { InvalidArgumentError as CommanderArgumentError, type Command } from 'commander';
import { refsCommand, type RefsCommandOptions } from './commands/refs.js';
import { staleCommand, usageCommand, type StaleCommandOptions, type UsageCommandOptions } from './commands/usage.js';
import { examples } from './help-text.js';
import type { CommandContext, CommandResult } from './session.js';

type Run = (handler: (context: CommandContext, ...args: never[]) => CommandResult) => (...args: unknown[]) => Promise<void>;

function wholeDays(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new CommanderArgumentError(`--days must be a whole number of days, at least 1, got ${JSON.stringify(text)}`);
  return value;
}

/** The commands of issue 25 (which flags are still used): `usage`, `stale` and `refs`. */
export function registerUsageCommands(program: Command, run: Run): void {
  program.command('usage').argument('[name]', 'one flag, day by day')
    .option('--days <n>', 'the window, in UTC days ending today (default 30)', wholeDays)
    .summary('how often each flag was evaluated, and when last')
    .description("Every flag's evaluations in the window (on, off, and the caller's default) and when it was last seen, from the counts clients flush into the store (redis:// stores); with a name, that flag day by day.")
    .addHelpText('after', examples(['flipper usage --store redis://127.0.0.1:6379', 'flipper usage NEW_CHECKOUT --days 7 --json']))
    .action(run((context, name: string | undefined, options: UsageCommandOptions) => usageCommand(context, name, options)));
  program.command('stale')
    .option('--days <n>', 'N of the rules (default 30)', wholeDays)
    .option('--fail-on-stale', 'exit 1 when any flag is potentially stale (for a CI job)')
    .summary('flags that are potentially stale, and why')
    .description('List the flags that are potentially stale: not evaluated for N days, never evaluated since created N days ago, or on/off for everyone for N days. Flags whose client data has permanent=true are never stale.')
    .addHelpText('after', examples(['flipper stale --store redis://127.0.0.1:6379', 'flipper stale --days 14 --fail-on-stale', 'flipper stale --json']))
    .action(run((context, options: StaleCommandOptions) => staleCommand(context, options)));
  program.command('refs').option('--dir <dir>', 'the source folder to scan (default .)')
    .summary('stored flags no code references, and names in code the store lacks')
    .description('Scan TypeScript, JavaScript and Python sources under --dir for flag names passed as string literals to isEnabled, isEnabledSync, the isEnabled wrapper, getBooleanValue (OpenFeature) and is_enabled (Python), and compare them with the store.')
    .addHelpText('after', examples(['flipper refs --dir src --store redis://127.0.0.1:6379', 'flipper refs --dir . --json']))
    .action(run((context, options: RefsCommandOptions) => refsCommand(context, options)));
}
