import { compareCodePoints } from './python-compare.js';
import { summarizeUsage, usageDay, usageWindow, type DailyUsage, type FlagUsage, type UsageQuery, type UsageReport } from './usage.js';

interface Tally {
  on: number;
  off: number;
  default: number;
}

/** Day windows kept; older ones are forgotten as new reports arrive. */
export const USAGE_RETENTION_DAYS = 35;

/**
 * Usage counts held in this process, per UTC day and flag: what the memory store keeps for its
 * `UsageCounts` capability, and a reference for what a backend's layout must answer.
 */
export class UsageTally {
  private readonly days = new Map<string, Map<string, Tally>>();
  private readonly lastSeen = new Map<string, number>();

  add(report: UsageReport): void {
    const day = usageDay(report.at);
    let flags = this.days.get(day);
    if (flags === undefined) {
      this.days.set(day, (flags = new Map()));
      this.forgetBefore(usageWindow({ days: USAGE_RETENTION_DAYS, now: report.at })[0]!);
    }
    for (const delta of report.flags) {
      let tally = flags.get(delta.featureName);
      if (tally === undefined) flags.set(delta.featureName, (tally = { on: 0, off: 0, default: 0 }));
      tally.on += delta.on;
      tally.off += delta.off;
      tally.default += delta.default;
      if ((this.lastSeen.get(delta.featureName) ?? -Infinity) < report.at) this.lastSeen.set(delta.featureName, report.at);
    }
  }

  read(query: UsageQuery = {}): FlagUsage[] {
    const window = usageWindow(query);
    const perFlag = new Map<string, DailyUsage[]>();
    for (const day of window) {
      for (const [featureName, tally] of this.days.get(day) ?? []) {
        if (query.featureName !== undefined && featureName !== query.featureName) continue;
        let days = perFlag.get(featureName);
        if (days === undefined) perFlag.set(featureName, (days = []));
        days.push({ day, on: tally.on, off: tally.off, default: tally.default });
      }
    }
    return [...perFlag.keys()]
      .sort(compareCodePoints)
      .map((featureName) => summarizeUsage(featureName, perFlag.get(featureName)!, this.lastSeen.get(featureName)));
  }

  private forgetBefore(oldestKept: string): void {
    for (const day of this.days.keys()) if (day < oldestKept) this.days.delete(day);
  }
}
