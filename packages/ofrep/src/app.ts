import type { FeatureFlagClient } from '@flipper-client/core';
import { createNodeRoute, type NodeHandler, type NodeRequestContext } from '@flipper-client/http';
import { CorsPolicy } from './cors.js';
import { EventStreams } from './event-stream.js';
import { nodeExchange, webExchange } from './exchange.js';
import { FlagCatalog } from './flag-catalog.js';
import { handle, type Parts } from './handle.js';
import { resolveOptions, type OfrepOptions } from './options.js';
import { RevalidationMemo } from './revalidation.js';
import { RateLimiter } from './rate-limiter.js';
import { sendReply, toResponse } from './reply.js';
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
    memo: new RevalidationMemo(catalog, client.store),
  };
  const root = `${settings.basePath}/ofrep/`;
  const owns = (pathname: string): boolean => pathname.startsWith(root);
  const app: OfrepApp = {
    basePath: settings.basePath,
    fetch: async (request, context = {}) => toResponse(await handle(webExchange(request, context), parts)),
    // Straight from node:http: no Web Request or Response per request (they cost more than the evaluation).
    middleware: createNodeRoute(async (req, res, target) => sendReply(await handle(nodeExchange(req, target), parts), res), owns),
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
