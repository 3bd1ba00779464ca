import type { StoreChange, StoreChangeListener, Unsubscribe } from '@flipper-client/core';

/** The listeners of the change feed this cache re-exposes, so that layers above it compose. */
export class ChangeListeners {
  private readonly listeners = new Set<StoreChangeListener>();

  add(listener: StoreChangeListener): Unsubscribe {
    // A wrapper per subscription: the same function subscribed twice is two subscriptions.
    const subscription: StoreChangeListener = (change) => listener(change);
    this.listeners.add(subscription);
    return () => {
      this.listeners.delete(subscription);
    };
  }

  emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own: the cache is already up to date and the others still hear.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
