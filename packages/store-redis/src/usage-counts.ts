import { summarizeUsage, usageDay, usageWindow, type DailyUsage, type FlagUsage, type UsageQuery, type UsageReport } from '@flipper-client/core/store';
import { compareCodePoints } from '@flipper-client/core/store';
import type { CommandRunner } from './command-runner.js';
import type { RedisClient } from './redis-client.js';
import type { UsageLayout } from './usage-layout.js';

const SECONDS_PER_DAY = 86_400;
const ADD_USAGE = 'add_usage';
const READ_USAGE = 'read_usage';

/**
 * One flush as one pipeline on the day's hash: an HINCRBY per non-zero count, one HSET of every
 * flag's last-seen time and the reporting instance, and an EXPIRE that keeps the day for
 * `retentionDays` after its last report. HINCRBY adds, so the reports of a fleet sum in any
 * order; HSET keeps the last report's time, and a fleet's clocks are taken to agree to within
 * a flush interval.
 */
export async function addUsage(
  client: RedisClient,
  runner: CommandRunner,
  layout: UsageLayout,
  retentionDays: number,
  report: UsageReport,
): Promise<void> {
  const key = layout.dayKey(usageDay(report.at));
  const pipeline = client.pipeline();
  const seen: string[] = [layout.field('instance', report.instanceId), String(report.at)];
  for (const delta of report.flags) {
    if (delta.on > 0) pipeline.hincrby(key, layout.field('on', delta.featureName), delta.on);
    if (delta.off > 0) pipeline.hincrby(key, layout.field('off', delta.featureName), delta.off);
    if (delta.default > 0) pipeline.hincrby(key, layout.field('default', delta.featureName), delta.default);
    seen.push(layout.field('seen', delta.featureName), String(report.at));
  }
  pipeline.hset(key, ...seen);
  pipeline.expire(key, retentionDays * SECONDS_PER_DAY);
  const replies = await runner.run(ADD_USAGE, undefined, () => pipeline.exec());
  const failed = replies?.find(([error]) => error !== null)?.[0];
  if (failed !== undefined && failed !== null) throw runner.storeError(ADD_USAGE, undefined, failed);
}

interface FlagDays {
  days: DailyUsage[];
  lastSeen: number | undefined;
}

/** Reads the window's day hashes (one HGETALL each, in parallel) and sums them per flag. */
export async function readUsage(client: RedisClient, runner: CommandRunner, layout: UsageLayout, query: UsageQuery = {}): Promise<FlagUsage[]> {
  const window = usageWindow(query);
  const hashes = await Promise.all(window.map((day) => runner.run(READ_USAGE, query.featureName, () => client.hgetall(layout.dayKey(day)))));
  const flags = new Map<string, FlagDays>();
  const flagOf = (name: string): FlagDays => {
    let entry = flags.get(name);
    if (entry === undefined) flags.set(name, (entry = { days: [], lastSeen: undefined }));
    return entry;
  };
  window.forEach((day, index) => {
    const counts = new Map<string, { on: number; off: number; default: number }>();
    for (const [field, value] of Object.entries(hashes[index] ?? {})) {
      const parsed = layout.parseField(field);
      if (parsed === undefined || parsed.kind === 'instance') continue;
      if (query.featureName !== undefined && parsed.name !== query.featureName) continue;
      const number = Number(value);
      if (!Number.isFinite(number)) continue;
      if (parsed.kind === 'seen') {
        const entry = flagOf(parsed.name);
        entry.lastSeen = Math.max(entry.lastSeen ?? number, number);
        continue;
      }
      let count = counts.get(parsed.name);
      if (count === undefined) counts.set(parsed.name, (count = { on: 0, off: 0, default: 0 }));
      count[parsed.kind] += number;
    }
    for (const [name, count] of counts) flagOf(name).days.push({ day, ...count });
  });
  return [...flags.keys()]
    .sort(compareCodePoints)
    .map((name) => summarizeUsage(name, flags.get(name)!.days, flags.get(name)!.lastSeen));
}
