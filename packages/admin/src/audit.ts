import { EventEmitter } from 'node:events';
import type { WriteName } from '@flipper-client/core';
import type { StoredDocument } from '@flipper-client/core/store';

/** One change made through the admin app: who, what, and the document before and after. */
export interface AuditEvent {
  readonly type: 'audit';
  /** When the change was made, ISO 8601. */
  readonly at: string;
  /** Who made it: the `actor` that `authorize` answered, or `unknown`. */
  readonly actor: string;
  /** The client write: `create`, `enable`, `set_bucketer`... */
  readonly action: WriteName;
  readonly featureName: string;
  /** The stored document read just before the write; null when there was none (or it was unreadable). */
  readonly before: StoredDocument | null;
  /** The stored document read just after; null once destroyed. */
  readonly after: StoredDocument | null;
  /** The request that made it. */
  readonly request: { readonly method: string; readonly path: string };
}

export interface AdminEventMap {
  audit: [event: AuditEvent];
}

/** The app's `events`: `app.events.on('audit', (event) => log.info(event))`. */
export class AdminEvents extends EventEmitter<AdminEventMap> {
  /** Delivers to every listener; one that throws does not undo or fail the change already made. */
  announce(event: AuditEvent): void {
    for (const listener of this.listeners('audit')) {
      try {
        const result: unknown = listener(event);
        if (result instanceof Promise) result.catch(() => undefined);
      } catch {
        // The write has landed; a broken logger must not turn it into an error response.
      }
    }
  }
}
