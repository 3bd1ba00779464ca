import { Condition, FlipperError, type FeatureFlagClient } from '@flipper-client/core';
import type { LedgerEntry } from '../ledger.js';

/**
 * Makes one uniquely identifiable write and records what the caller was told. A rejection is
 * recorded as "failed" with the error's class and whether it named the flag; the write is never
 * retried, so a write that landed although it was reported failed shows up at most once.
 */
export async function ledgerWrite(
  client: FeatureFlagClient,
  flag: string,
  id: string,
  kind: LedgerEntry['kind'],
): Promise<LedgerEntry> {
  const startedAt = Date.now();
  try {
    if (kind === 'condition') await client.addCondition(flag, new Condition({ [id]: true }));
    else await client.setClientData(flag, { [id]: startedAt });
    return { flag, id, kind, outcome: 'acked', startedAt, settledAt: Date.now() };
  } catch (error) {
    return {
      flag,
      id,
      kind,
      outcome: 'failed',
      startedAt,
      settledAt: Date.now(),
      errorName: error instanceof Error ? error.name : typeof error,
      errorNamesFlag: error instanceof FlipperError && error.featureName === flag && error.message.includes(JSON.stringify(flag)),
      errorMessage: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300),
      ...(error instanceof FlipperError ? { errorCode: error.code } : {}),
    };
  }
}
