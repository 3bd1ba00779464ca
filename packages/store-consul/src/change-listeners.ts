import type { StoreChange, StoreChangeListener, Unsubscribe } from '@flipper-client/core';

/** The change feed's subscribers. A listener that throws is skipped; the others still hear. */
export class ChangeListeners {
  private readonly listeners = new Set<StoreChangeListener>();

  add(listener: StoreChangeListener): Unsubscribe {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const subscription: StoreChangeListener = (change) => listener(change);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  notify(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // The listener's failure is its own; the change has landed.
      }
    }
  }

  notifyFlags(featureNames: Iterable<string>): void {
    for (const featureName of featureNames) this.notify({ kind: 'flag', featureName });
  }
}
