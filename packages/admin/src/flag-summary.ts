import { ConsistentHashPercentageBucketer, PercentageBucketer, type StoredBucketer, type StoredPercentage } from '@flipper-client/core';
import type { FeatureFlagStoreItem, StoredDocument } from '@flipper-client/core/store';

/** A bucketer at a glance: its type, a sentence, and the share it gives right now. */
export interface BucketerSummary {
  readonly type: StoredBucketer['type'];
  readonly summary: string;
  /** The share of evaluations that are in at this moment, 0–1; null for NoOpBucketer. */
  readonly currentPercentage: number | null;
}

/** One row of the list: what a person scanning many flags needs. */
export interface FlagSummary {
  readonly name: string;
  readonly enabled: boolean;
  readonly conditionCount: number;
  readonly bucketer: BucketerSummary;
  /** Epoch seconds. */
  readonly createdDate: number;
}

export function percentText(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

export function isoDate(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return Number.isNaN(date.getTime()) ? String(epochSeconds) : date.toISOString().replace('.000Z', 'Z');
}

function percentageText(stored: StoredPercentage): string {
  if (stored.type === 'Percentage') return percentText(stored.value);
  const end = stored.initial_time + stored.ramp_duration;
  return `${percentText(stored.initial_value)} → ${percentText(stored.final_value)} from ${isoDate(stored.initial_time)} to ${isoDate(end)}`;
}

export function summarizeBucketer(item: FeatureFlagStoreItem): BucketerSummary {
  const bucketer = item.meta.bucketer;
  const stored = bucketer.toJSON();
  switch (stored.type) {
    case 'NoOpBucketer':
      return { type: stored.type, summary: 'no bucketing: everyone', currentPercentage: null };
    case 'PercentageBucketer':
      return {
        type: stored.type,
        summary: `random ${percentageText(stored.percentage)}`,
        currentPercentage: bucketer instanceof PercentageBucketer ? bucketer.percentage.value : null,
      };
    case 'ConsistentHashPercentageBucketer': {
      const keys = stored.key_whitelist.length === 0 ? 'all checks' : stored.key_whitelist.join(', ');
      return {
        type: stored.type,
        summary: `consistent ${percentageText(stored.percentage)} by ${keys}`,
        currentPercentage: bucketer instanceof ConsistentHashPercentageBucketer ? bucketer.percentage.value : null,
      };
    }
  }
}

export function summarizeFlag(item: FeatureFlagStoreItem): FlagSummary {
  return {
    name: item.featureName,
    enabled: item.enabled,
    conditionCount: item.meta.conditions.length,
    bucketer: summarizeBucketer(item),
    createdDate: item.meta.createdDate,
  };
}

/** The whole document in its stored shape (SPEC §5). */
export function documentOf(item: FeatureFlagStoreItem): StoredDocument {
  return item.toJSON();
}
