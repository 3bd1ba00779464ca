import { GrowthBookClient, type FeatureDefinition } from '@growthbook/growthbook';
import { installedVersion } from '../workspace-packages.js';

export const GROWTHBOOK_LIBRARY = `@growthbook/growthbook ${installedVersion('@growthbook/growthbook')}`;

/**
 * GrowthBook's server-side client (one instance for every user, a user context per call) with
 * its features given locally through `initSync`: no API host, no client key, no streaming, so
 * nothing is fetched.
 */
export function startGrowthBook(features: Record<string, FeatureDefinition>): GrowthBookClient {
  return new GrowthBookClient({}).initSync({ payload: { features }, streaming: false });
}
