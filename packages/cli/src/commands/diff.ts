import { EXIT, FlagError, UsageError } from '../errors.js';
import { parseStoreUrl } from '../store-url.js';
import { withStore, type CommandContext, type CommandResult } from '../session.js';
import { compareStores, isEqual } from '../sync/compare.js';
import { flagSelection, selectContents, type SelectionOptions } from '../sync/flag-selection.js';
import { readStore, type StoreContents } from '../sync/read-items.js';
import { printComparison } from './diff-report.js';

export interface DiffOptions extends SelectionOptions {
  from?: string;
  to?: string;
}

/**
 * `diff --from URL --to URL`: what a copy from one to the other would change, in words. Exit 0
 * when the two hold the same documents (of the selected flags), 1 when they do not, so that a CI
 * job can gate on it.
 */
export async function diffCommand(context: CommandContext, options: DiffOptions): CommandResult {
  if (options.from === undefined || options.to === undefined) throw new UsageError('diff needs --from URL and --to URL');
  const from = parseStoreUrl(options.from);
  const to = parseStoreUrl(options.to);
  const selection = flagSelection(options);
  const read = (url: string): Promise<StoreContents> => withStore(context, url, ({ store }) => readStore(store, context.globals.timeout));
  const [source, target] = await Promise.all([read(options.from), read(options.to)]);
  const selected = [selectContents(source, selection), selectContents(target, selection)] as const;
  const present = new Set([...selected[0].items, ...selected[1].items].map((item) => item.featureName));
  for (const error of [...selected[0].invalid, ...selected[1].invalid]) if (error.featureName !== undefined) present.add(error.featureName);
  const absent = [...selection.names].filter((name) => !present.has(name));
  if (absent.length > 0) throw new FlagError(`diff --only: ${absent.map((name) => `flag ${JSON.stringify(name)}`).join(', ')}: in neither store`);
  const comparison = compareStores(...selected);
  printComparison(context.output, from.display, to.display, comparison);
  return isEqual(comparison) ? EXIT.ok : EXIT.flag;
}
