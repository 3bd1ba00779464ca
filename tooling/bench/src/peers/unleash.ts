import { once } from 'node:events';
import { InMemStorageProvider, Unleash, type ClientFeaturesResponse } from 'unleash-client';
import { installedVersion } from '../workspace-packages.js';

export type UnleashFeature = ClientFeaturesResponse['features'][number];
type UnleashStrategy = NonNullable<UnleashFeature['strategies']>[number];
/** A constraint as the Unleash API serves it (operators as their wire strings). */
export type UnleashConstraint = Omit<UnleashStrategy['constraints'][number], 'operator'> & { operator: string };

export const UNLEASH_LIBRARY = `unleash-client ${installedVersion('unleash-client')}`;

/**
 * An Unleash client that evaluates bootstrap data locally and never reaches a server:
 * `refreshInterval: 0` stops polling before the first fetch, `disableMetrics` stops the metrics
 * upload, and the in-memory storage provider replaces the backup file. The URL is required by
 * the constructor and never contacted (the scenarios' network guard checks that).
 */
export async function startUnleash(features: readonly UnleashFeature[]): Promise<Unleash> {
  const unleash = new Unleash({
    appName: 'flipper-bench',
    url: 'http://127.0.0.1:1/api/',
    refreshInterval: 0,
    disableMetrics: true,
    bootstrap: { data: [...features] },
    storageProvider: new InMemStorageProvider(),
    skipInstanceCountWarning: true,
  });
  const errors: Error[] = [];
  unleash.on('error', (error: Error) => errors.push(error));
  unleash.on('warn', () => {});
  await once(unleash, 'ready');
  if (errors.length > 0) throw new Error(`unleash-client failed to start: ${errors[0]!.message}`);
  return unleash;
}

/** An enabled toggle with one strategy, in the shape the Unleash API serves it. */
export function unleashToggle(
  name: string,
  strategy: { name: string; parameters?: Record<string, string>; constraints?: readonly UnleashConstraint[] },
): UnleashFeature {
  return {
    name,
    enabled: true,
    type: 'release',
    project: 'default',
    stale: false,
    strategies: [
      {
        name: strategy.name,
        parameters: strategy.parameters ?? {},
        // The wire format carries operators as strings; the SDK's enum holds the same strings.
        constraints: [...(strategy.constraints ?? [])] as UnleashStrategy['constraints'],
      },
    ],
    variants: [],
  };
}
