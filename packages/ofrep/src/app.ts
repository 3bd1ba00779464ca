import type { FeatureFlagClient } from '@flipper-client/core';
import { assertFeatureName } from '@flipper-client/core/store';
import { createNodeHandler, jsonResponse, type NodeHandler, type NodeRequestContext } from '@flipper-client/http';
import { grantOf, mayRead, type Grant } from './access.js';
import { evaluateAll, matchesEtag, type BulkDependencies, type EventStreamEntry } from './bulk-evaluation.js';
import { CorsPolicy } from './cors.js';
import { flagNotFound, OfrepError, readFailure, storeFailure } from './errors.js';
import { readEvaluationRequest } from './evaluation-request.js';
import { EventStreams } from './event-stream.js';
import { FlagCatalog } from './flag-catalog.js';
import { evaluateFlag } from './flag-evaluation.js';
import { resolveOptions, type OfrepOptions, type ResolvedOfrepOptions } from './options.js';
import { RateLimiter } from './rate-limiter.js';
import { errorResponse, serializedJson } from './responses.js';
import { OFREP_PREFIX, routeOf, type OfrepRoute } from './routes.js';
import { StreamTokens } from './stream-token.js';

export interface OfrepApp {
  /** Where the app is mounted, without a trailing slash ('' at the root); providers take `origin + basePath` as their base URL. */
  readonly basePath: string;
  /** The Web-standard handler: Hono, Bun, Deno, workers, or `Request`s of your own. */
  fetch(request: Request, context?: NodeRequestContext): Promise<Response>;
  /** node:http handler and Express/Connect middleware; calls `next()` for paths outside `basePath/ofrep/`. */
  readonly middleware: NodeHandler;
  /** Whether a path is the app's (below `basePath/ofrep/`). */
  owns(pathname: string): boolean;
  /** Whether changes reach providers as they happen (the store has a change feed) or by polling. */
  readonly changeDetection: 'sse' | 'polling';
  /** Event streams open now. */
  readonly openStreams: number;
  /** Ends the open event streams and the change-feed subscription; the store stays the application's. */
  close(): void;
}

interface Parts {
  readonly settings: ResolvedOfrepOptions;
  readonly client: FeatureFlagClient;
  readonly bulk: BulkDependencies;
  readonly cors: CorsPolicy;
  readonly tokens: StreamTokens;
  readonly streams: EventStreams;
  readonly limiter: RateLimiter | undefined;
}

/**
 * An OFREP server over a client: single (`POST /ofrep/v1/evaluate/flags/{key}`) and bulk
 * (`POST /ofrep/v1/evaluate/flags`, with `ETag`/`If-None-Match`) evaluation, and the change-event
 * stream, behind one `fetch(request)`. Only evaluated values leave it. Throws
 * `InvalidArgumentError` without `authorize` unless `public` is true.
 */
export function createOfrepApp(client: FeatureFlagClient, options: OfrepOptions): OfrepApp {
  const settings = resolveOptions(options);
  const catalog = new FlagCatalog(client.store, settings.pollIntervalSec * 1000);
  const parts: Parts = {
    settings,
    client,
    bulk: { store: client.store, catalog, unmatched: client.unmatchedConditions, serverOnly: settings.serverOnly, pollIntervalSec: settings.pollIntervalSec },
    cors: new CorsPolicy(settings.allowedOrigins),
    tokens: new StreamTokens(settings.streamSecret),
    streams: new EventStreams(catalog, settings.serverOnly, settings.heartbeatMs),
    limiter: settings.rateLimit === undefined ? undefined : new RateLimiter(settings.rateLimit.requestsPerSecond, settings.rateLimit.burst),
  };
  const root = `${settings.basePath}/ofrep/`;
  const owns = (pathname: string): boolean => pathname.startsWith(root);
  const app: OfrepApp = {
    basePath: settings.basePath,
    fetch: (request, context = {}) => handle(request, context, parts),
    middleware: createNodeHandler((request, context) => app.fetch(request, context), owns),
    owns,
    changeDetection: catalog.live ? 'sse' : 'polling',
    get openStreams() {
      return parts.streams.open;
    },
    close: () => {
      parts.streams.close();
      catalog.close();
    },
  };
  return app;
}

async function authorized(request: Request, context: NodeRequestContext, parts: Parts): Promise<Grant> {
  const grant = grantOf(await parts.settings.authorize(request, context));
  if (grant === undefined) throw new OfrepError(401, 'GENERAL', 'an API key is needed: Authorization: Bearer <key> or X-API-Key: <key>');
  const wait = parts.limiter?.take(grant.id) ?? 0;
  if (wait > 0) throw new OfrepError(429, 'GENERAL', `too many requests for this key; retry after ${wait} s`, { retryAfterSeconds: wait });
  return grant;
}

async function handle(request: Request, context: NodeRequestContext, parts: Parts): Promise<Response> {
  const { settings } = parts;
  const url = new URL(request.url);
  const headers = parts.cors.apply(request, new Headers());
  let route: OfrepRoute | undefined;
  try {
    route = routeOf(request.method, url.pathname.slice(settings.basePath.length));
    switch (route.kind) {
      case 'preflight':
        return parts.cors.preflight(request);
      case 'events':
        return openStream(url, headers, parts);
      case 'single': {
        const grant = await authorized(request, context, parts);
        if (!mayRead(grant, route.key)) throw new OfrepError(403, 'GENERAL', `this key may not read flag ${JSON.stringify(route.key)}`);
        const checks = await readEvaluationRequest(request, settings.maxBodyBytes, settings);
        const key = route.key;
        const item = await Promise.resolve()
          .then(() => (assertFeatureName(key), parts.client.store.get(key)))
          .catch((error: unknown) => Promise.reject(readFailure(key, error)));
        if (item === undefined) throw flagNotFound(key);
        return jsonResponse(200, evaluateFlag(item, checks, parts.client.unmatchedConditions), { headers });
      }
      case 'bulk': {
        const grant = await authorized(request, context, parts);
        const checks = await readEvaluationRequest(request, settings.maxBodyBytes, settings);
        const answer = await evaluateAll(parts.bulk, grant, checks, eventStreamEntry(grant, parts));
        headers.set('etag', answer.etag);
        return serializedJson(matchesEtag(request.headers.get('if-none-match'), answer.etag) ? 304 : 200, answer.body, headers);
      }
    }
  } catch (error) {
    const refused = error instanceof OfrepError ? error : storeFailure(error);
    if (refused.status >= 500) settings.onError(error instanceof OfrepError && error.cause !== undefined ? error.cause : error, request);
    return errorResponse(refused, route?.kind === 'single' ? route.key : undefined, headers);
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

function openStream(url: URL, headers: Headers, parts: Parts): Response {
  if (!parts.bulk.catalog.live) throw new OfrepError(404, 'GENERAL', `the ${parts.client.store.storeName} store has no change feed: poll the bulk endpoint instead`);
  const grant = parts.tokens.verify(url.searchParams.get('token'));
  if (grant === undefined) throw new OfrepError(401, 'GENERAL', 'the event stream needs the token of a bulk answer; fetch the bulk evaluation again');
  headers.set('content-type', 'text/event-stream; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('x-accel-buffering', 'no');
  return new Response(parts.streams.stream(grant), { status: 200, headers });
}
