import { FeatureFlagClient, type FlipperError } from '@flipper-client/core';
import { encodeDocument, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { describeBucketer, describeFlag, formatEpoch } from '../describe-flag.js';
import { EXIT, FlagError } from '../errors.js';
import type { Output } from '../output.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';
import { renderTable } from '../table.js';

/** Stored documents as one JSON array, each element exactly as the store keeps it. */
export function documentArray(items: readonly FeatureFlagStoreItem[]): string {
  return items.length === 0 ? '[]\n' : `[\n${items.map((item) => encodeDocument(item)).join(',\n')}\n]\n`;
}

function reportInvalid(output: Output, invalid: readonly FlipperError[]): void {
  for (const error of invalid) output.warn(`${error.message} (skipped)`);
}

export async function listCommand(context: CommandContext): CommandResult {
  const { output } = context;
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const invalid: FlipperError[] = [];
    const items: FeatureFlagStoreItem[] = [];
    for await (const item of store.list({ onInvalid: (error) => invalid.push(error) })) items.push(item);
    if (output.json) output.write(documentArray(items));
    else if (items.length === 0) output.line('no flags');
    else {
      const rows = items.map((item) => {
        const meta = item.meta.toJSON();
        return [item.featureName, item.enabled ? 'on' : 'off', String(meta.conditions.length), describeBucketer(meta.bucketer), formatEpoch(meta.created_date)];
      });
      output.lines(renderTable(['NAME', 'ENABLED', 'CONDITIONS', 'BUCKETER', 'CREATED'], rows));
    }
    reportInvalid(output, invalid);
    return invalid.length > 0 ? EXIT.flag : EXIT.ok;
  });
}

/** The stored item, or a flag-level error naming it. */
export async function requireItem(features: FeatureFlagClient, name: string): Promise<FeatureFlagStoreItem> {
  const item = await features.store.get(name);
  if (item === undefined) throw new FlagError(`flag ${JSON.stringify(name)}: does not exist`);
  return item;
}

export function printItem(output: Output, item: FeatureFlagStoreItem): void {
  if (output.json) output.write(`${encodeDocument(item)}\n`);
  else output.lines(describeFlag(item));
}

export async function showCommand(context: CommandContext, name: string): CommandResult {
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const features = new FeatureFlagClient(store);
    features.get(name); // validates the name
    printItem(context.output, await requireItem(features, name));
    return EXIT.ok;
  });
}
