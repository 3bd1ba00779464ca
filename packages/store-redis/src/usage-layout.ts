import type { EvaluationCounts } from '@flipper-client/core/store';

/** What a field of a day's usage hash holds: `<kind>:<flag name>` (or `instance:<id>`). */
export type UsageField = keyof EvaluationCounts | 'seen' | 'instance';

const FIELDS: ReadonlySet<string> = new Set<UsageField>(['on', 'off', 'default', 'seen', 'instance']);

/**
 * Where usage counts live: one hash per UTC day at `<usageKey>:<YYYY-MM-DD>` (`usageKey`
 * defaults to `<baseKey>:usage`), outside `<baseKey>/`, so that neither this store's listing
 * nor the Python library's (`SCAN <base_key>/*`, every value decoded as a flag) ever meets it.
 * One hash per flush keeps a flush to one key, which a Redis Cluster serves from one slot.
 */
export class UsageLayout {
  constructor(readonly usageKey: string) {}

  dayKey(day: string): string {
    return `${this.usageKey}:${day}`;
  }

  field(kind: UsageField, name: string): string {
    return `${kind}:${name}`;
  }

  /** A field split into its kind and the flag name (or instance id), or undefined for a foreign field. */
  parseField(field: string): { kind: UsageField; name: string } | undefined {
    const colon = field.indexOf(':');
    const kind = field.slice(0, colon);
    if (colon < 0 || !FIELDS.has(kind)) return undefined;
    return { kind: kind as UsageField, name: field.slice(colon + 1) };
  }
}
