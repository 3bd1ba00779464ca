import type { StoreChange, StoreChangeListener, Unsubscribe } from './store.js';

/**
 * The subscribers of a store's change feed, for store authors. A listener that throws is
 * reported to `onListenerError` (when given) and skipped: the change has landed, and the other
 * listeners still hear of it.
 */
export class ChangeListeners {
  private readonly listeners = new Set<StoreChangeListener>();

  constructor(private readonly onListenerError?: (error: unknown, change: StoreChange) => void) {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: StoreChangeListener): Unsubscribe {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const subscription: StoreChangeListener = (change) => listener(change);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  notify(change: StoreChange): void {
    // A copy: a listener may unsubscribe (or subscribe) while it is being told.
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError?.(error, change);
      }
    }
  }

  notifyFlags(featureNames: Iterable<string>): void {
    for (const featureName of featureNames) this.notify({ kind: 'flag', featureName });
  }

  clear(): void {
    this.listeners.clear();
  }
}
