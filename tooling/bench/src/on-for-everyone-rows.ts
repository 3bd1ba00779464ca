import { enabledFlag } from './peers/flipper.js';
import { onForEveryone } from './peers/launchdarkly.js';
import { unleashToggle } from './peers/unleash.js';
import { standardRows } from './standard-rows.js';
import type { ThroughputSubject } from './scenario.js';

/** What each peer's row prints after its call, in brackets. */
export interface PeerNotes {
  readonly unleash?: string;
  readonly growthbook?: string;
  readonly launchdarkly?: string;
  readonly openfeature?: string;
}

/**
 * Every library holding one flag, `defined`, on for everyone in its simplest form, and asked
 * for `asked`: the same flag (the plain scenario) or one that does not exist (the missing
 * one), so that both scenarios measure the lookup against the same populated store.
 */
export function onForEveryoneRows(defined: string, asked: string, notes: PeerNotes = {}): ThroughputSubject[] {
  return standardRows({
    flag: asked,
    flipper: { define: enabledFlag(defined) },
    unleash: { features: [unleashToggle(defined, { name: 'default' })], note: notes.unleash },
    growthbook: { features: { [defined]: { defaultValue: true } }, note: notes.growthbook },
    launchdarkly: { flags: [onForEveryone(defined)], note: notes.launchdarkly },
    openfeature: { flags: { [defined]: { defaultVariant: 'on' } }, note: notes.openfeature },
  });
}
