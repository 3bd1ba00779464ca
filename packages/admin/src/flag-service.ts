import { type Checks, type Explanation, type FeatureFlagClient, type WriteName } from '@flipper-client/core';
import {
  assertFeatureName,
  compareCodePoints,
  FlagDoesNotExistError,
  FlipperError,
  InvalidDocumentError,
  StoreError,
  type FeatureFlagStoreItem,
  type JsonObject,
  type StoredDocument,
} from '@flipper-client/core/store';
import type { AdminEvents } from './audit.js';
import type { ChangeHub } from './change-hub.js';
import { summarizeFlag, type FlagSummary } from './flag-summary.js';
import { AdminError } from './errors.js';

export interface ListQuery {
  /** Case-insensitive substring of the name. */
  readonly search?: string;
  readonly offset: number;
  readonly limit: number;
}

/** A stored document that could not be decoded: listed so that it can be found and destroyed. */
export interface UnreadableFlag {
  readonly name: string;
  readonly cause: string;
}

export interface FlagPage {
  readonly flags: FlagSummary[];
  /** Flags matching the search, on every page. */
  readonly total: number;
  readonly unreadable: UnreadableFlag[];
}

/** Who is changing what, from which request: the audit trail's context. */
export interface WriteOrigin {
  readonly actor: string;
  readonly method: string;
  readonly path: string;
}

function asStoreError(store: string, error: unknown): unknown {
  if (error instanceof FlipperError) return error;
  return new StoreError(store, 'list', error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * The operations behind both the JSON API and the pages. Reads go to the store directly (a list
 * needs whole documents); every write goes through the `FeatureFlagClient`, so its validation
 * and its pre/post events apply, and is reported as an audit event with the documents around it.
 */
export class FlagService {
  constructor(
    readonly client: FeatureFlagClient,
    private readonly events: AdminEvents,
    private readonly changes: ChangeHub,
  ) {}

  get storeName(): string {
    return this.client.store.storeName;
  }

  async list(query: ListQuery): Promise<FlagPage> {
    const needle = query.search?.toLowerCase() ?? '';
    const items: FeatureFlagStoreItem[] = [];
    const unreadable: UnreadableFlag[] = [];
    try {
      const listing = this.client.store.list({
        onInvalid: (error) => unreadable.push({ name: error.featureName ?? '', cause: error.message }),
      });
      for await (const item of listing) {
        if (needle === '' || item.featureName.toLowerCase().includes(needle)) items.push(item);
      }
    } catch (error) {
      throw asStoreError(this.storeName, error);
    }
    items.sort((a, b) => compareCodePoints(a.featureName, b.featureName));
    const page = items.slice(query.offset, query.offset + query.limit);
    return {
      flags: page.map(summarizeFlag),
      total: items.length,
      unreadable: unreadable.filter((flag) => needle === '' || flag.name.toLowerCase().includes(needle)),
    };
  }

  /** The flag; 404 when it does not exist. */
  async get(featureName: string): Promise<FeatureFlagStoreItem> {
    const item = await this.read(featureName);
    if (item === undefined) throw new FlagDoesNotExistError(featureName);
    return item;
  }

  async explain(featureName: string, checks: Checks): Promise<Explanation> {
    await this.get(featureName);
    return this.client.explain(featureName, checks);
  }

  /** Creates a flag; 409 when one of that name exists (the client alone would replace it). */
  async create(origin: WriteOrigin, featureName: string, options: { enabled: boolean; clientData: JsonObject }): Promise<FeatureFlagStoreItem> {
    const existing = await this.read(featureName).catch((error: unknown) => {
      if (error instanceof InvalidDocumentError) return true;
      throw error;
    });
    if (existing !== undefined) {
      throw new AdminError(409, 'FLAG_EXISTS', 'A flag of this name exists already', featureName, 'create refuses to replace it; change or destroy it instead');
    }
    return (await this.write(origin, featureName, 'create', null, async () => {
      await this.client.create(featureName, { isEnabled: options.enabled, clientData: options.clientData });
    }))!;
  }

  /** Runs one client write on an existing flag, with an audit event; resolves to the flag after it. */
  async change(origin: WriteOrigin, featureName: string, action: Exclude<WriteName, 'create'>, run: () => Promise<void>): Promise<FeatureFlagStoreItem | undefined> {
    let before: StoredDocument | null;
    try {
      before = (await this.get(featureName)).toJSON();
    } catch (error) {
      // A corrupt document can still be destroyed: that is how it is cleaned up.
      if (!(action === 'destroy' && error instanceof InvalidDocumentError)) throw error;
      before = null;
    }
    return this.write(origin, featureName, action, before, run);
  }

  private async write(
    origin: WriteOrigin,
    featureName: string,
    action: WriteName,
    before: StoredDocument | null,
    run: () => Promise<void>,
  ): Promise<FeatureFlagStoreItem | undefined> {
    await run();
    this.changes.announce({ kind: 'flag', featureName });
    const after = action === 'destroy' ? undefined : await this.read(featureName).catch(() => undefined);
    this.events.announce({
      type: 'audit',
      at: new Date().toISOString(),
      actor: origin.actor,
      action,
      featureName,
      before,
      after: after?.toJSON() ?? null,
      request: { method: origin.method, path: origin.path },
    });
    return after;
  }

  private async read(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    assertFeatureName(featureName);
    try {
      return await this.client.store.get(featureName);
    } catch (error) {
      throw error instanceof FlipperError ? error : asStoreErrorFor(this.storeName, featureName, error);
    }
  }
}

function asStoreErrorFor(store: string, featureName: string, error: unknown): StoreError {
  return new StoreError(store, 'get', error instanceof Error ? error.message : String(error), { featureName, cause: error });
}
