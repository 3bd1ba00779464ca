import type { ErrorEvent, FeatureFlagClient } from '../../src/index.js';

/** The client's `error` events from now on, in order. */
export function listen(features: FeatureFlagClient): ErrorEvent[] {
  const events: ErrorEvent[] = [];
  features.events.on('error', (event) => events.push(event));
  return events;
}
