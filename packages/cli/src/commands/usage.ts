import { describeStaleReason, hasUsageCounts, staleFlags } from '@flipper-client/core';
import type { FeatureFlagStore, UsageCounts } from '@flipper-client/core/store';
import { formatEpoch } from '../describe-flag.js';
import { EXIT, UsageError } from '../errors.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';
import { renderTable } from '../table.js';

export interface UsageCommandOptions {
  readonly days?: number;
}

export interface StaleCommandOptions {
  readonly days?: number;
  readonly failOnStale?: boolean;
}

/** The store, narrowed to one that keeps usage counts, or a usage error saying which ones do. */
function usageStore(store: FeatureFlagStore): FeatureFlagStore & UsageCounts {
  if (!hasUsageCounts(store)) {
    throw new UsageError(`the ${store.storeName} store keeps no usage counts (redis:// and redis+cluster:// do, as a client counts into them)`);
  }
  return store;
}

const lastSeen = (seconds: number | undefined): string => (seconds === undefined ? 'never' : formatEpoch(seconds));

/** `flipper usage [NAME]`: every flag's evaluations over the window, or one flag's day by day. */
export async function usageCommand(context: CommandContext, name: string | undefined, options: UsageCommandOptions): CommandResult {
  const { output } = context;
  const days = options.days ?? 30;
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const usage = await usageStore(store).readUsage({ days, ...(name === undefined ? {} : { featureName: name }) });
    if (output.json) {
      output.value(name === undefined ? usage : (usage[0] ?? null));
      return EXIT.ok;
    }
    if (name !== undefined) {
      const flag = usage[0];
      if (flag === undefined) {
        output.line(`${name}: no evaluations in the last ${days} days`);
        return EXIT.ok;
      }
      output.line(`${name}: last seen ${lastSeen(flag.lastSeen)}; ${flag.total.on} on, ${flag.total.off} off, ${flag.total.default} default in ${days} days`);
      output.lines(renderTable(['DAY', 'ON', 'OFF', 'DEFAULT'], flag.days.map((day) => [day.day, String(day.on), String(day.off), String(day.default)])));
      return EXIT.ok;
    }
    if (usage.length === 0) output.line(`no evaluations in the last ${days} days`);
    else {
      const rows = usage.map((flag) => [flag.featureName, lastSeen(flag.lastSeen), String(flag.total.on), String(flag.total.off), String(flag.total.default)]);
      output.lines(renderTable(['NAME', 'LAST SEEN', 'ON', 'OFF', 'DEFAULT'], rows));
    }
    return EXIT.ok;
  });
}

/** `flipper stale`: the potentially stale flags and why; exit 1 with `--fail-on-stale` when there are any. */
export async function staleCommand(context: CommandContext, options: StaleCommandOptions): CommandResult {
  const { output } = context;
  const days = options.days ?? 30;
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const all = await staleFlags(usageStore(store), { days });
    const stale = all.filter((flag) => flag.stale);
    if (output.json) output.value(all);
    else if (stale.length === 0) output.line(`no stale flags (${all.length} flags, ${days} days)`);
    else {
      const rows = stale.flatMap((flag) => flag.reasons.map((reason, i) => [i === 0 ? flag.featureName : '', describeStaleReason(reason)]));
      output.lines(renderTable(['NAME', 'POTENTIALLY STALE BECAUSE'], rows));
      output.line(`${stale.length} of ${all.length} flags potentially stale; mark a kill switch permanent with: flipper data set NAME permanent=true`);
    }
    return options.failOnStale === true && stale.length > 0 ? EXIT.flag : EXIT.ok;
  });
}
