import { Command, CommanderError, InvalidArgumentError as CommanderArgumentError } from 'commander';
import { collectKeys } from './bucketer-options.js';
import { exportCommand } from './commands/export.js';
import { evalCommand } from './commands/evaluate.js';
import { listCommand, showCommand } from './commands/inspect.js';
import { createCommand, destroyCommand, disableCommand, enableCommand } from './commands/lifecycle.js';
import { bucketerClearCommand, bucketerSetCommand, conditionAddCommand, conditionClearCommand, dataSetCommand } from './commands/rules.js';
import { diffCommand, type DiffOptions } from './commands/diff.js';
import { copyCommand, importCommand, type CopyOptions } from './commands/transfer.js';
import { serveCommand } from './commands/serve.js';
import { watchCommand } from './commands/watch.js';
import { registerUsageCommands } from './usage-program.js';
import { completionScript } from './completion.js';
import { describeError, EXIT, exitCodeOf, type ExitCode } from './errors.js';
import { GENERAL_HELP, STORE_URLS_HELP, examples } from './help-text.js';
import { processOutput } from './output.js';
import type { CommandContext, CommandResult, GlobalOptions } from './session.js';
import { VERSION } from './version.js';

function positiveNumber(what: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new CommanderArgumentError(`${what} must be a positive number, got ${JSON.stringify(text)}`);
    return value;
  };
}

type Handler = (context: CommandContext, ...args: never[]) => CommandResult;

/** Commander calls an action with the positional arguments, the command's options and the command. */
function action(handler: Handler, done: (code: ExitCode) => void): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    const context: CommandContext = { output: processOutput({ json: globals.json === true, progress: globals.progress }), globals };
    done(await handler(context, ...(args.slice(0, -1) as never[])));
  };
}

/** The `flipper` command tree. `done` hears each command's exit code. */
export function buildProgram(done: (code: ExitCode) => void): Command {
  const program = new Command('flipper')
    .description('Inspect, change, export, import, copy and watch feature flags in any flipper store.')
    .version(VERSION, '-V, --version')
    .option('-s, --store <url>', 'the store (default: $FLIPPER_STORE); see "Store URLs" below')
    .option('--json', 'machine-readable output on stdout')
    .option('--timeout <ms>', 'longest wait for the store in one call', positiveNumber('--timeout'), 5000)
    .option('--no-progress', 'no progress bar, even on a terminal')
    .addHelpText('after', GENERAL_HELP)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void process.stdout.write(text),
      writeErr: (text) => void process.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'flipper: ')),
    });
  const run = (handler: Handler): ((...args: unknown[]) => Promise<void>) => action(handler, done);

  program.command('list').summary('list every flag (a table; --json for the documents)').description('List every flag: a table, or with --json one JSON array of the stored documents.')
    .addHelpText('after', examples(['flipper list --store file:flags.json', 'FLIPPER_STORE=redis://127.0.0.1:6379 flipper list --json']))
    .action(run(listCommand));
  program.command('show').argument('<name>', 'the flag').summary("a flag's state, conditions, bucketer and client data")
    .description("Show a flag: its state, creation date, client data, conditions and bucketer; with --json its stored document, exactly as stored.")
    .addHelpText('after', examples(['flipper show NEW_CHECKOUT --store file:flags.json', 'flipper show NEW_CHECKOUT --json']))
    .action(run(showCommand));
  program.command('create').argument('<name>', 'the flag').option('--enabled', 'create it switched on').option('--force', 'replace a flag of that name (its conditions, bucketer and client data are lost)')
    .summary('create a flag (off unless --enabled)').description('Create a flag, switched off unless --enabled. An existing flag is refused unless --force.')
    .addHelpText('after', examples(['flipper create NEW_CHECKOUT --store file:flags.json', 'flipper create DARK_MODE --enabled']))
    .action(run(createCommand));
  program.command('enable').argument('<name>', 'the flag').summary('switch a flag on').addHelpText('after', examples(['flipper enable NEW_CHECKOUT'])).action(run(enableCommand));
  program.command('disable').argument('<name>', 'the flag').summary('switch a flag off').addHelpText('after', examples(['flipper disable NEW_CHECKOUT'])).action(run(disableCommand));
  program.command('destroy').argument('<name>', 'the flag').summary('delete a flag').addHelpText('after', examples(['flipper destroy OLD_EXPERIMENT'])).action(run(destroyCommand));

  const condition = program.command('condition').summary("add or clear a flag's conditions").description("Change a flag's conditions.");
  condition.command('add').argument('<name>', 'the flag').argument('<checks...>', 'key=value checks, key__op=value for an operator (gt gte lt lte ne in not_in)')
    .summary('add one condition of key=value checks').description('Add one condition to the flag: it holds when every one of its checks holds. Operators: key=value (equals), key__gt, key__gte, key__lt, key__lte, key__ne, key__in, key__not_in. Values are typed as under "Values" in flipper --help.')
    .addHelpText('after', examples(['flipper condition add NEW_CHECKOUT is_admin=true', 'flipper condition add NEW_CHECKOUT age__gte=18 country__in=\'["NL","BE"]\'']))
    .action(run(conditionAddCommand));
  condition.command('clear').argument('<name>', 'the flag').summary('remove every condition').addHelpText('after', examples(['flipper condition clear NEW_CHECKOUT'])).action(run(conditionClearCommand));

  const bucketer = program.command('bucketer').summary("set or clear a flag's percentage rollout").description("Change a flag's bucketer (its percentage rollout).");
  bucketer.command('set').argument('<name>', 'the flag')
    .option('--percentage <share>', 'the share that is on: 0.25 or 25% (where a ramp ends)')
    .option('--consistent [keys]', 'consistent hash on these check names (comma-separated, repeatable; bare: all checks), instead of a random draw', collectKeys)
    .option('--ramp-end <time>', 'ramp linearly up to --percentage, reached at this time: +2h, +1d, epoch seconds, 2026-12-24T09:00:00Z')
    .option('--ramp-start <time>', 'when the ramp starts (default now)')
    .option('--ramp-from <share>', 'the share the ramp starts from (default 0)')
    .summary('set a random or consistent percentage, optionally ramping')
    .description('Set the bucketer: a random share of evaluations (--percentage), the same users every time (--consistent user_id), either one ramping linearly over time (--ramp-end).')
    .addHelpText('after', examples([
      'flipper bucketer set NEW_CHECKOUT --percentage 0.25',
      'flipper bucketer set NEW_CHECKOUT --percentage 50% --consistent user_id',
      'flipper bucketer set NEW_CHECKOUT --percentage 1 --consistent user_id --ramp-from 0.1 --ramp-end +7d',
    ]))
    .action(run(bucketerSetCommand));
  bucketer.command('clear').argument('<name>', 'the flag').summary('no bucketer: everyone the conditions let in').addHelpText('after', examples(['flipper bucketer clear NEW_CHECKOUT'])).action(run(bucketerClearCommand));

  const data = program.command('data').summary("change a flag's client data").description("Change a flag's client data.");
  data.command('set').argument('<name>', 'the flag').argument('<pairs...>', 'key=value pairs, merged into the client data')
    .summary('merge key=value pairs into the client data').addHelpText('after', examples(['flipper data set NEW_CHECKOUT owner=payments ticket=1234 tags=\'["web","ios"]\'']))
    .action(run(dataSetCommand));

  program.command('eval').argument('<name>', 'the flag').argument('[checks...]', 'key=value checks, as isEnabled gets them')
    .option('--default', 'the answer for a missing flag is true')
    .option('--unmatched-conditions <mode>', 'bucket (the documented rule, default) or enable (Python 1.x)')
    .summary("what isEnabled answers for these checks, and why")
    .description("Evaluate the flag for the checks as isEnabled does, and say which rule decided. Exit code 1 when the flag does not exist.")
    .addHelpText('after', examples(['flipper eval NEW_CHECKOUT user_id=42', 'flipper eval NEW_CHECKOUT user_id=42 is_admin=true --json']))
    .action(run(evalCommand));

  program.command('export').option('-o, --output <file>', 'write to this file (replaced whole) instead of stdout').option('--format <format>', 'jsonl (default) or json (the file store format; default for a .json --output)')
    .summary('every stored document, as JSON lines or one JSON file').description("Export every flag's stored document, in name order, exactly as stored (Python's json.dumps): JSON lines, or one JSON object of documents (--format json, which a file: store reads).")
    .addHelpText('after', examples(['flipper export --store redis://127.0.0.1:6379 > flags.jsonl', 'flipper export --store consul://127.0.0.1:8500/features --output backup.json']))
    .action(run(exportCommand));
  program.command('import').argument('<file>', 'an export (JSON lines, or a JSON object or array of documents); - for stdin')
    .option('--dry-run', 'print what would change, change nothing').option('--prune', 'also delete flags the file does not have')
    .option('--allow-empty', 'with --prune, accept a file with no flags (which deletes every flag of the store)')
    .summary("write a file's documents into the store").description("Make the store hold the file's documents: creates and updates, and with --prune deletes; verified afterwards. Every document is checked first: one bad document and nothing is written.")
    .addHelpText('after', examples(['flipper import flags.jsonl --store file:flags.json --dry-run', 'flipper import backup.json --store redis://127.0.0.1:6379 --prune']))
    .action(run(importCommand));
  program.command('copy').option('--from <url>', 'the source store').option('--to <url>', 'the target store')
    .option('--dry-run', 'print what would change, change nothing').option('--prune', 'also delete flags the source does not have (of the selected ones, with --only or --match)')
    .option('--allow-empty', 'with --prune, accept a source with no flags (which deletes every flag of the target)')
    .option('--only <names...>', 'copy only these flags (promote them); repeatable')
    .option('--match <patterns...>', 'copy only the flags whose name matches a glob: * any characters, ? one; repeatable')
    .summary('copy every flag (or chosen ones) from one store to another, verified').description('Copy every flag from one store to another (a migration), or only the flags --only names or --match selects (a promotion): reports created, updated and unchanged flags, then reads the target back and checks every copied document byte for byte.')
    .addHelpText('after', examples([
      'flipper copy --from redis://127.0.0.1:6379 --to consul://127.0.0.1:8500/features',
      'flipper copy --from file:flags.json --to s3://flags-backup --dry-run',
      "flipper copy --from redis://staging:6379 --to redis://prod:6379 --only NEW_CHECKOUT DARK_MODE",
      "flipper copy --from file:flags.json --to redis://prod:6379 --match 'checkout.*' --dry-run",
    ]))
    .action(run((context, options: CopyOptions) => copyCommand(context, options)));
  program.command('diff').option('--from <url>', 'one store').option('--to <url>', 'the other store')
    .option('--only <names...>', 'compare only these flags; repeatable').option('--match <patterns...>', 'compare only the flags whose name matches a glob (* and ?); repeatable')
    .summary('what differs between two stores; exit 1 when they differ')
    .description('Compare two stores flag by flag: flags only in one of them, and for flags in both what differs (state, each condition, bucketer, client data, creation date). Exit 0 when they hold the same documents, 1 when they do not: a CI job can gate on it. --json prints one object.')
    .addHelpText('after', examples([
      'flipper diff --from file:flags.json --to redis://127.0.0.1:6379',
      'flipper diff --from redis://staging:6379 --to redis://prod:6379 --match \'checkout.*\' --json',
    ]))
    .action(run((context, options: DiffOptions) => diffCommand(context, options)));
  program.command('watch').option('--count <n>', 'stop after n changes', positiveNumber('--count')).option('--for <seconds>', 'stop after this long', positiveNumber('--for'))
    .summary('print changes as they happen').description('Print every change to a flag as it happens (stores with a change feed: redis, redis+cluster, consul, file). Ctrl-C stops.')
    .addHelpText('after', examples(['flipper watch --store redis://127.0.0.1:6379', 'flipper watch --store consul://127.0.0.1:8500/features --json --count 1']))
    .action(run((context, options: { count?: number; for?: number }) => watchCommand(context, options)));
  const repeat = (value: string, previous: string[] = []): string[] => [...previous, value];
  program.command('serve')
    .option('--port <port>', 'the port to listen on (default $FLIPPER_PORT, $PORT, else 8080; 0 for any free one)')
    .option('--host <host>', 'the address to listen on (default $FLIPPER_HOST, else 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--ofrep', 'serve the OFREP endpoints (the default when --admin is not given)')
    .option('--admin', 'serve the admin UI at /admin/ (needs $FLIPPER_ADMIN_TOKEN)')
    .option('--ofrep-key <id:key[:prefixes]>', 'an API key, optionally limited to flag-name prefixes (repeatable; also $FLIPPER_OFREP_KEYS)', repeat)
    .option('--public', 'OFREP without keys: anyone who reaches the server may read the flags')
    .option('--allowed-origin <origin>', 'an origin whose pages may call OFREP (CORS; repeatable; also $FLIPPER_ALLOWED_ORIGINS)', repeat)
    .option('--server-only <prefix>', 'flags with this prefix are left out of bulk evaluation (repeatable; also $FLIPPER_SERVER_ONLY)', repeat)
    .option('--rate-limit <n>', 'requests per second per key (default none; also $FLIPPER_RATE_LIMIT)')
    .summary('serve OFREP (and the admin UI) over a store, for apps in any language')
    .description('Serve the OpenFeature Remote Evaluation Protocol over the store, so that OpenFeature OFREP providers in any language and in browsers read its flags; with --admin also the admin UI. /healthz answers while the process is up, /readyz once the store answers. Logs one JSON object per line. SIGTERM stops it gracefully: event streams closed, requests in flight answered, exit 0.')
    .addHelpText('after', examples([
      'FLIPPER_OFREP_KEYS="web:$WEB_KEY:web.;backend:$BACKEND_KEY" flipper serve --store redis://127.0.0.1:6379 --host 0.0.0.0',
      'FLIPPER_ADMIN_TOKEN=$TOKEN flipper serve --store redis://127.0.0.1:6379 --admin --ofrep --ofrep-key web:$WEB_KEY --allowed-origin https://app.example.com',
    ]))
    .action(run((context, options: Parameters<typeof serveCommand>[1]) => serveCommand(context, options)));
  registerUsageCommands(program, run);
  program.command('completion').argument('<shell>', 'bash, zsh or fish').summary('print a shell completion script')
    .addHelpText('after', examples(['source <(flipper completion bash)', 'flipper completion fish > ~/.config/fish/completions/flipper.fish']))
    .action(run(async (context, shell: string) => {
      context.output.write(completionScript(program, shell));
      return EXIT.ok;
    }));
  // The --store option's help says 'see "Store URLs" below': every command that opens a store has the section.
  const leaves = (command: Command): Command[] => (command.commands.length === 0 ? [command] : command.commands.flatMap(leaves));
  for (const command of leaves(program)) if (command.name() !== 'completion') command.addHelpText('after', STORE_URLS_HELP);
  return program;
}

/** Runs `flipper` with `args` (without the node and script paths) and resolves to its exit code. */
export async function main(args: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram((exitCode) => (code = exitCode));
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    process.stderr.write(`${describeError(error)}\n`);
    return exitCodeOf(error);
  }
}
