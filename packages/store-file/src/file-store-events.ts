import type { StoreError, Unsubscribe } from '@flipper-client/core/store';

/** What the file store reports about its file, beside the change feed. */
export interface FileStoreEvents {
  /**
   * The file changed into something that is not a flag file (bad JSON, a truncated write, a flag
   * twice) or cannot be read. Reads keep answering the last good copy; writes reject until the
   * file is fixed. Reported once per version of the file.
   */
  invalid: (error: StoreError) => void;
  /** The file is a flag file again; reads follow it from now on. */
  recovered: () => void;
}

export type FileStoreEventName = keyof FileStoreEvents;

/**
 * The subscribers of each event. Not an `EventEmitter`: an `'error'` event nobody listens to
 * would throw there, and a broken file must never crash the application. A listener that throws
 * is ignored for the same reason.
 */
export class FileStoreEventListeners {
  private readonly listeners: { [E in FileStoreEventName]: Set<FileStoreEvents[E]> } = { invalid: new Set(), recovered: new Set() };

  add<E extends FileStoreEventName>(event: E, listener: FileStoreEvents[E]): Unsubscribe {
    const set = this.listeners[event] as Set<FileStoreEvents[E]>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<E extends FileStoreEventName>(event: E, ...args: Parameters<FileStoreEvents[E]>): void {
    for (const listener of this.listeners[event]) {
      try {
        (listener as (...values: Parameters<FileStoreEvents[E]>) => void)(...args);
      } catch {
        // A listener's failure is its own; the store goes on.
      }
    }
  }
}
