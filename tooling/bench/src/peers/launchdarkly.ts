import { basicLogger, init, integrations, type LDClient } from '@launchdarkly/node-server-sdk';
import { installedVersion } from '../workspace-packages.js';

export const LAUNCHDARKLY_LIBRARY = `@launchdarkly/node-server-sdk ${installedVersion('@launchdarkly/node-server-sdk')}`;

/** A flag in LaunchDarkly's full data model, for `TestData.usePreconfiguredFlag`. */
export interface LaunchDarklyFlag {
  key: string;
  on: boolean;
  variations: boolean[];
  offVariation: number;
  fallthrough: { variation: number } | { rollout: { variations: { variation: number; weight: number }[]; bucketBy?: string } };
  rules?: {
    id: string;
    variation: number;
    clauses: { contextKind: string; attribute: string; op: string; values: unknown[]; negate: boolean }[];
  }[];
}

/**
 * A boolean flag that is on, with variation 0 serving `true` and variation 1 `false` (also
 * while off); `targeting` says who gets which.
 */
export function booleanFlag(key: string, targeting: Pick<LaunchDarklyFlag, 'fallthrough' | 'rules'>): LaunchDarklyFlag {
  return { key, on: true, variations: [true, false], offVariation: 1, ...targeting };
}

export type LaunchDarklyFlagSource = (testData: integrations.TestData) => Promise<unknown>;

/** A boolean flag that is on for everyone, through the TestData flag builder. */
export function onForEveryone(key: string): LaunchDarklyFlagSource {
  return (testData) => testData.update(testData.flag(key).booleanFlag().variationForAll(true));
}

/** A flag in the full data model (rules with numeric operators, percentage rollouts). */
export function preconfigured(flag: LaunchDarklyFlag): LaunchDarklyFlagSource {
  return (testData) =>
    testData.usePreconfiguredFlag({
      version: 1,
      salt: `${flag.key}-salt`,
      targets: [],
      contextTargets: [],
      prerequisites: [],
      rules: [],
      trackEvents: false,
      trackEventsFallthrough: false,
      ...flag,
    });
}

/**
 * A LaunchDarkly server client fed by the TestData integration instead of the streaming
 * service. Analytics events and diagnostics are off because both would be sent to the vendor
 * (this machine has no outside network); the log is silent so a missing flag's warning does not
 * land inside the measured loop. The SDK key is never sent anywhere.
 */
export async function startLaunchDarkly(flags: readonly LaunchDarklyFlagSource[]): Promise<LDClient> {
  const testData = new integrations.TestData();
  for (const addFlag of flags) await addFlag(testData);
  const client = init('sdk-key-offline-benchmark', {
    updateProcessor: testData.getFactory(),
    sendEvents: false,
    diagnosticOptOut: true,
    logger: basicLogger({ level: 'none' }),
  });
  await client.waitForInitialization({ timeout: 10 });
  return client;
}
