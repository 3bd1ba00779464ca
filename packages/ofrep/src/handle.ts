import type { FeatureFlagClient } from '@flipper-client/core';
import { assertFeatureName, isSyncReadable, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { grantOf, mayRead, type Grant } from './access.js';
import { evaluateAll, matchesEtag, type BulkDependencies, type EventStreamEntry } from './bulk-evaluation.js';
import type { CorsPolicy } from './cors.js';
import { flagNotFound, OfrepError, readFailure, storeFailure } from './errors.js';
import { readEvaluationRequest } from './evaluation-request.js';
import type { EventStreams } from './event-stream.js';
import type { OfrepExchange } from './exchange.js';
import { evaluationJson } from './flag-fragments.js';
import type { ResolvedOfrepOptions } from './options.js';
import type { RateLimiter } from './rate-limiter.js';
import { jsonReply, type OfrepReply, type ReplyHeaders } from './reply.js';
import { errorReply } from './responses.js';
import type { RevalidationMemo } from './revalidation.js';
import { OFREP_PREFIX, routeOf, type OfrepRoute } from './routes.js';
import type { StreamTokens } from './stream-token.js';

/** What answering a request takes, built once per app. */
export interface Parts {
  readonly settings: ResolvedOfrepOptions;
  readonly client: FeatureFlagClient;
  readonly bulk: BulkDependencies;
  readonly cors: CorsPolicy;
  readonly tokens: StreamTokens;
  readonly streams: EventStreams;
  readonly limiter: RateLimiter | undefined;
  readonly memo: RevalidationMemo;
}

const UNAUTHORIZED = 'an API key is needed: Authorization: Bearer <key> or X-API-Key: <key>';

async function authorized(exchange: OfrepExchange, parts: Parts): Promise<Grant> {
  const { settings } = parts;
  const access =
    settings.authorizeByHeaders !== undefined ? settings.authorizeByHeaders(exchange.header) : await settings.authorize(exchange.webRequest(), exchange.context);
  const grant = grantOf(access);
  if (grant === undefined) throw new OfrepError(401, 'GENERAL', UNAUTHORIZED);
  const wait = parts.limiter?.take(grant.id) ?? 0;
  if (wait > 0) throw new OfrepError(429, 'GENERAL', `too many requests for this key; retry after ${wait} s`, { retryAfterSeconds: wait });
  return grant;
}

/** A flag read from a local copy when the store has one ready (no promise), else from the store. */
async function readFlag(parts: Parts, key: string): Promise<FeatureFlagStoreItem | undefined> {
  const store = parts.client.store;
  try {
    assertFeatureName(key);
    return isSyncReadable(store) && store.syncReady ? store.getSync(key) : await store.get(key);
  } catch (error) {
    throw readFailure(key, error);
  }
}

/** Every request of the app, however it arrived: the route, then the answer or the protocol's error. */
export async function handle(exchange: OfrepExchange, parts: Parts): Promise<OfrepReply> {
  const { settings } = parts;
  const origin = exchange.header('origin');
  const headers = parts.cors.headers(origin);
  let route: OfrepRoute | undefined;
  try {
    route = routeOf(exchange.method, exchange.pathname.slice(settings.basePath.length));
    switch (route.kind) {
      case 'preflight':
        return { status: 204, headers: parts.cors.preflight(origin), body: null };
      case 'events':
        return openStream(exchange, headers, parts);
      case 'single': {
        const grant = await authorized(exchange, parts);
        const key = route.key;
        if (!mayRead(grant, key)) throw new OfrepError(403, 'GENERAL', `this key may not read flag ${JSON.stringify(key)}`);
        const checks = await readEvaluationRequest(exchange, settings.maxBodyBytes, settings);
        const item = await readFlag(parts, key);
        if (item === undefined) throw flagNotFound(key);
        return jsonReply(200, evaluationJson(item, checks, parts.client.unmatchedConditions), headers);
      }
      case 'bulk': {
        const grant = await authorized(exchange, parts);
        const checks = await readEvaluationRequest(exchange, settings.maxBodyBytes, settings);
        const ifNoneMatch = exchange.header('if-none-match') ?? null;
        const memo = parts.memo.keyOf(grant, checks);
        const known = memo === undefined || ifNoneMatch === null ? undefined : parts.memo.current(memo);
        if (known !== undefined && matchesEtag(ifNoneMatch, known)) {
          // Nothing changed since this tag was made for this caller and context: no evaluation needed.
          headers['etag'] = known;
          return jsonReply(304, '', headers);
        }
        const answer = await evaluateAll(parts.bulk, grant, checks, eventStreamEntry(grant, parts));
        if (memo !== undefined && answer.pure) parts.memo.remember(memo, answer.etag);
        headers['etag'] = answer.etag;
        return jsonReply(matchesEtag(ifNoneMatch, answer.etag) ? 304 : 200, answer.body, headers);
      }
    }
  } catch (error) {
    const refused = error instanceof OfrepError ? error : storeFailure(error);
    if (refused.status >= 500) settings.onError(error instanceof OfrepError && error.cause !== undefined ? error.cause : error, exchange.webRequest());
    return errorReply(refused, route?.kind === 'single' ? route.key : undefined, headers);
  }
}

/** Where a provider that got this bulk answer listens for changes; none without a change feed. */
function eventStreamEntry(grant: Grant, parts: Parts): EventStreamEntry | undefined {
  if (!parts.bulk.catalog.live) return undefined;
  const token = parts.tokens.issue(grant);
  return {
    type: 'sse',
    endpoint: { requestUri: `${parts.settings.basePath}${OFREP_PREFIX}/events?token=${token}` },
    inactivityDelaySec: parts.settings.inactivityDelaySec,
  };
}

function openStream(exchange: OfrepExchange, headers: ReplyHeaders, parts: Parts): OfrepReply {
  if (!parts.bulk.catalog.live) throw new OfrepError(404, 'GENERAL', `the ${parts.client.store.storeName} store has no change feed: poll the bulk endpoint instead`);
  const grant = parts.tokens.verify(new URLSearchParams(exchange.search).get('token'));
  if (grant === undefined) throw new OfrepError(401, 'GENERAL', 'the event stream needs the token of a bulk answer; fetch the bulk evaluation again');
  headers['content-type'] = 'text/event-stream; charset=utf-8';
  headers['cache-control'] = 'no-store';
  headers['x-accel-buffering'] = 'no';
  return { status: 200, headers, body: null, stream: parts.streams.stream(grant) };
}
