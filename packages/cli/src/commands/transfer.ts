import { readFile } from 'node:fs/promises';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { EXIT, FlagError, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { progressBar } from '../progress-bar.js';
import { parseStoreUrl } from '../store-url.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';
import { applyPlan, PartialWriteError, verifyTarget } from '../sync/apply.js';
import { parseDocuments } from '../sync/document-file.js';
import { flagSelection, selectContents, type FlagSelection, type SelectionOptions } from '../sync/flag-selection.js';
import { actionName, planSync, type SyncPlan } from '../sync/plan.js';
import { readStore } from '../sync/read-items.js';

export interface TransferOptions {
  dryRun?: boolean;
  prune?: boolean;
  /** With `prune`: accept a source with no flags, which deletes every flag of the target. */
  allowEmpty?: boolean;
}

/**
 * Before a pruning write: refuses an empty source (a 0-byte file, a store that came up empty)
 * unless `--allow-empty`, since it would delete every flag of the target, and says how many
 * flags the prune deletes. A selection (`--only`, `--match`) names the flags itself, and may mean
 * to promote a deletion: it is not refused.
 */
function guardPrune(output: Output, sourceLabel: string, sourceCount: number, plan: SyncPlan, options: TransferOptions, selected: boolean): void {
  const deleting = plan.counts.delete;
  if (sourceCount === 0 && !selected && options.allowEmpty !== true) {
    throw new UsageError(
      `${sourceLabel} has no flags: --prune would delete all ${deleting} flag${deleting === 1 ? '' : 's'} of the target; nothing was changed (pass --allow-empty to do that)`,
    );
  }
  if (deleting > 0) output.warn(`--prune: deleting ${deleting} flag${deleting === 1 ? '' : 's'} that ${sourceLabel} does not have`);
}

export interface CopyOptions extends TransferOptions, SelectionOptions {
  from?: string;
  to?: string;
}

function printPlan(output: Output, plan: SyncPlan): void {
  const changes = plan.actions.filter((action) => action.kind !== 'unchanged');
  if (output.json) {
    output.value({
      dry_run: true,
      create: changes.filter((action) => action.kind === 'create').map(actionName),
      update: changes.flatMap((action) => (action.kind === 'update' ? [{ feature_name: action.item.featureName, changed: action.changed }] : [])),
      delete: changes.filter((action) => action.kind === 'delete').map(actionName),
      unchanged: plan.counts.unchanged,
    });
    return;
  }
  output.lines(changes.map((action) => `${action.kind.padEnd(7)} ${actionName(action)}${action.kind === 'update' ? ` (${action.changed.join(', ')})` : ''}`));
  const { create, update, unchanged, delete: deleted } = plan.counts;
  output.line(`dry run: ${create} to create, ${update} to update, ${unchanged} unchanged, ${deleted} to delete; nothing was changed`);
}

function printReport(output: Output, source: string, target: string, plan: SyncPlan, verified: number): void {
  const { create, update, unchanged, delete: deleted } = plan.counts;
  if (output.json) {
    output.value({ source, target, flags: verified, created: create, updated: update, unchanged, deleted, verified });
    return;
  }
  const width = String(Math.max(create, update, unchanged, deleted)).length;
  const row = (label: string, count: number): string => `  ${label.padEnd(10)}${String(count).padStart(width)}`;
  output.lines([
    `${source} → ${target} (${verified} flag${verified === 1 ? '' : 's'})`,
    row('created', create),
    row('updated', update),
    row('unchanged', unchanged),
    row('deleted', deleted),
    `verified: the target holds the source's ${verified} document${verified === 1 ? '' : 's'}, byte for byte`,
  ]);
}

/** Makes the store at `targetUrl` hold `source` (see `planSync`), then reads it back to verify. */
async function syncInto(
  context: CommandContext,
  sourceLabel: string,
  source: readonly FeatureFlagStoreItem[],
  targetUrl: string,
  options: TransferOptions,
  selection: FlagSelection = flagSelection({}),
): CommandResult {
  const { output } = context;
  const targetSpec = parseStoreUrl(targetUrl);
  const prune = options.prune === true;
  return withStore(context, targetUrl, async (target) => {
    // A selection limits the target too: --prune then deletes only selected flags the source lacks.
    const plan = planSync(source, selectContents(await readStore(target.store, context.globals.timeout), selection), prune);
    if (selection.active && plan.actions.length === 0) {
      throw new FlagError('copy: --only/--match selects no flag in the source (nor, with --prune, in the target); nothing was written');
    }
    if (options.dryRun === true) {
      printPlan(output, plan);
      return EXIT.ok;
    }
    if (prune) guardPrune(output, sourceLabel, source.length, plan, options, selection.active);
    const progress = progressBar(output.progressStream, { label: 'write', total: plan.actions.length, enabled: output.progress });
    try {
      await applyPlan(target.store, plan, progress);
    } catch (error) {
      if (!(error instanceof PartialWriteError)) throw error;
      output.warn(`${error.message}`);
      throw error.failure;
    } finally {
      progress.finish();
    }
    // Read back through a connection of its own, not this process's copy of its own writes
    // (a memory store has no other connection).
    const verified =
      targetSpec.kind === 'memory'
        ? await verifyTarget(target.store, source, prune, context.globals.timeout, selection)
        : await withStore(context, targetUrl, (fresh) => verifyTarget(fresh.store, source, prune, context.globals.timeout, selection));
    printReport(output, sourceLabel, targetSpec.display, plan, verified);
    return EXIT.ok;
  });
}

async function readInput(file: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `import FILE`: every document of the file is decoded first; one bad document and nothing is written. */
export async function importCommand(context: CommandContext, file: string, options: TransferOptions): CommandResult {
  const targetUrl = storeUrlOf(context.globals);
  parseStoreUrl(targetUrl);
  const { items, problems } = parseDocuments(file === '-' ? 'stdin' : file, await readInput(file));
  if (problems.length > 0) {
    for (const problem of problems.slice(0, 50)) context.output.warn(problem);
    throw new FlagError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} (above); nothing was written`);
  }
  return syncInto(context, file, items, targetUrl, options);
}

/**
 * `copy --from URL --to URL`: a migration, verified byte for byte afterwards; with `--only` or
 * `--match`, a promotion of the chosen flags, planned, written and verified the same way.
 */
export async function copyCommand(context: CommandContext, options: CopyOptions): CommandResult {
  if (options.from === undefined || options.to === undefined) throw new UsageError('copy needs --from URL and --to URL');
  const from = parseStoreUrl(options.from);
  const to = parseStoreUrl(options.to);
  const selection = flagSelection(options);
  if (from.kind !== 'memory' && from.display === to.display) throw new UsageError('copy: --from and --to name the same store');
  const { output } = context;
  const whole = await withStore(context, options.from, async ({ store }) => {
    const progress = progressBar(output.progressStream, { label: 'read', total: undefined, enabled: output.progress });
    try {
      return await readStore(store, context.globals.timeout, progress);
    } finally {
      progress.finish();
    }
  });
  const source = selectContents(whole, selection);
  const missing = [...selection.names].filter((name) => !source.items.some((item) => item.featureName === name) && !source.invalid.some((error) => error.featureName === name));
  if (missing.length > 0 && options.prune !== true) {
    throw new FlagError(`copy --only: ${missing.map((name) => `flag ${JSON.stringify(name)}`).join(', ')}: not in ${from.display} (--prune deletes such flags from the target); nothing was written`);
  }
  if (source.invalid.length > 0) {
    for (const error of source.invalid) output.warn(error.message);
    throw new FlagError(`${from.display}: ${source.invalid.length} stored document(s) do not decode (above); nothing was written`);
  }
  return syncInto(context, from.display, source.items, options.to, options, selection);
}
