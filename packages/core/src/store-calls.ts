import { asFlipperError } from './errors.js';
import type { FlagEvents, WriteEventDetails, WriteName } from './events.js';
import type { WriteContext } from './history.js';
import type { FeatureFlagMeta, FeatureFlagMetaInit } from './item.js';
import type { FeatureFlagStore } from './store.js';

/**
 * The client's calls into its store: each failure a `FlipperError` naming the flag, each write
 * announced with `pre_` and `post_` events around it (a failed write has no `post_`).
 */
export class StoreCalls {
  constructor(
    private readonly store: FeatureFlagStore,
    private readonly events: FlagEvents,
  ) {}

  /** Runs a store call, turning any foreign failure into a `StoreError` naming the flag. */
  async call<T>(featureName: string | undefined, operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw asFlipperError(this.store.storeName, operation, error, featureName);
    }
  }

  async write<W extends WriteName>(
    featureName: string,
    write: W,
    details: WriteEventDetails[W],
    run: () => Promise<unknown>,
  ): Promise<void> {
    this.events.emit({ type: `pre_${write}`, featureName, ...details } as never);
    await this.call(featureName, write, run);
    this.events.emit({ type: `post_${write}`, featureName, ...details } as never);
  }

  /** An atomic change of the flag's metadata, announced as `write` and recorded with `actor`. */
  changeMeta<W extends WriteName>(
    featureName: string,
    write: W,
    details: WriteEventDetails[W],
    actor: string,
    changes: (meta: FeatureFlagMeta) => FeatureFlagMetaInit,
  ): Promise<void> {
    const context: WriteContext = { actor, action: write };
    return this.write(featureName, write, details, () =>
      this.store.update(featureName, (item) => item.withMeta(item.meta.with(changes(item.meta))), context),
    );
  }
}
