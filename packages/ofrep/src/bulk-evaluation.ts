import * as crypto from 'node:crypto';
import type { Checks, UnmatchedConditions } from '@flipper-client/core';
import { InvalidDocumentError, isSyncReadable, type FeatureFlagStore, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { mayRead, type Grant } from './access.js';
import { storeFailure } from './errors.js';
import { flagJson, isPure } from './flag-fragments.js';
import type { FlagCatalog } from './flag-catalog.js';

/** An `eventStreams` entry: the SSE endpoint relative to the provider's own origin. */
export interface EventStreamEntry {
  readonly type: 'sse';
  readonly endpoint: { readonly requestUri: string };
  readonly inactivityDelaySec: number;
}

export interface BulkAnswer {
  /** The JSON body, UTF-8. */
  readonly body: Buffer;
  /** Its strong ETag: the same evaluations for the same caller give the same tag. */
  readonly etag: string;
  /** Whether every answer followed from the flags and the context alone (no random draw, no clock). */
  readonly pure: boolean;
}

// crypto.hash (Node ≥ 20.12) skips the Hash object; older 20.x releases take the long way.
const FLAGS_OPEN = Buffer.from('{"flags":[');
const COMMA = Buffer.from(',');

const sha1: (bytes: Buffer) => string =
  typeof crypto.hash === 'function' ? (bytes) => crypto.hash('sha1', bytes, 'base64url') : (bytes) => crypto.createHash('sha1').update(bytes).digest('base64url');

export interface BulkDependencies {
  readonly store: FeatureFlagStore;
  readonly catalog: FlagCatalog;
  readonly unmatched: UnmatchedConditions;
  readonly serverOnly: (featureName: string) => boolean;
  readonly pollIntervalSec: number;
}

type Read = FeatureFlagStoreItem | undefined | InvalidDocumentError;

function readItem(store: FeatureFlagStore, name: string): Promise<Read> {
  return store.get(name).catch((error: unknown) => {
    if (error instanceof InvalidDocumentError) return error;
    throw error;
  });
}

/** From a ready local copy without a promise per flag; else one read per flag in one turn (a batching store, Redis, sends them as one round trip). */
async function readItems(store: FeatureFlagStore, names: readonly string[]): Promise<Read[]> {
  if (!isSyncReadable(store) || !store.syncReady) return Promise.all(names.map((name) => readItem(store, name)));
  return names.map((name) => {
    try {
      return store.getSync(name);
    } catch (error) {
      if (error instanceof InvalidDocumentError) return error;
      throw error;
    }
  });
}

/**
 * Every flag the grant may read, except server-only ones, evaluated for one context: the body
 * of a bulk answer and its ETag. A flag whose document cannot be decoded is a PARSE_ERROR entry
 * and one the checks cannot be evaluated with an INVALID_CONTEXT entry, beside the others; a
 * store that fails fails the whole request (500). The flag-set metadata says how changes reach
 * the caller: `sse` (the `eventStreams` entry) or `polling` with a suggested interval.
 */
export async function evaluateAll(
  deps: BulkDependencies,
  grant: Grant,
  checks: Checks,
  eventStream: EventStreamEntry | undefined,
): Promise<BulkAnswer> {
  const names = (await deps.catalog.current().catch((error: unknown) => Promise.reject(storeFailure(error)))).filter(
    (name) => mayRead(grant, name) && !deps.serverOnly(name),
  );
  let reads: Read[];
  try {
    reads = await readItems(deps.store, names);
  } catch (error) {
    throw storeFailure(error);
  }
  const chunks: Buffer[] = [FLAGS_OPEN];
  let pure = true;
  for (let index = 0; index < names.length; index++) {
    const read = reads[index];
    const key = names[index]!;
    if (read === undefined) deps.catalog.forget(key);
    else {
      if (chunks.length > 1) chunks.push(COMMA);
      if (read instanceof InvalidDocumentError) {
        chunks.push(Buffer.from(JSON.stringify({ key, errorCode: 'PARSE_ERROR', errorDetails: `the stored document of flag ${JSON.stringify(key)} cannot be read` })));
      } else {
        pure &&= isPure(read);
        chunks.push(flagJson(read, checks, deps.unmatched));
      }
    }
  }
  const metadata = eventStream === undefined ? { changeDetection: 'polling', pollIntervalSec: deps.pollIntervalSec } : { changeDetection: 'sse' };
  // What JSON.stringify({ flags, metadata, eventStreams }) gives, from entries already serialized.
  chunks.push(Buffer.from(`],"metadata":${JSON.stringify(metadata)}${eventStream === undefined ? '' : `,"eventStreams":[${JSON.stringify(eventStream)}]`}}`));
  const body = Buffer.concat(chunks);
  return { body, etag: `"${sha1(body)}"`, pure };
}

/** Whether `If-None-Match` names this ETag (a list, weak tags and `*` included). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
