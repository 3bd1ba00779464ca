import type { FeatureFlagClient } from '@flipper-client/core';
import { createNodeHandler, type NodeHandler } from '@flipper-client/http';
import { apiRoutes } from './api/api-routes.js';
import { AdminEvents } from './audit.js';
import { ChangeHub } from './change-hub.js';
import { FlagService } from './flag-service.js';
import { AdminError, toAdminError } from './errors.js';
import { assetResponse } from './http/assets.js';
import { readForm } from './http/body.js';
import { CSRF_FIELD, CSRF_HEADER, CsrfTokens } from './http/csrf.js';
import { assertCanWrite, assertSameOrigin, callerOf, isBrowserRequest, type Caller } from './http/gate.js';
import { errorResponse, htmlResponse, seeOther } from './http/responses.js';
import { Router, type RouteContext, type RouteMatch } from './http/router.js';
import { openApiDocument } from './openapi/document.js';
import { resolveOptions, type AdminOptions, type AuthorizeContext, type ResolvedAdminOptions } from './options.js';
import { renderErrorPage } from './ui/flag-page.js';
import { pageContext, uiRoutes } from './ui/ui-routes.js';

export interface AdminApp {
  /** Where the app is mounted, without a trailing slash ('' at the root). */
  readonly basePath: string;
  /** `audit` events, one per change: who, what, the document before and after. */
  readonly events: AdminEvents;
  /** The Web-standard handler: Hono, Bun, Deno, workers, or `Request`s of your own. */
  fetch(request: Request, context?: AuthorizeContext): Promise<Response>;
  /** node:http handler and Express/Connect middleware; calls `next()` for paths outside `basePath`. */
  readonly middleware: NodeHandler;
  /** Whether a path is the app's (below `basePath`). */
  owns(pathname: string): boolean;
  /** The OpenAPI 3.1 document of the JSON API. */
  openapi(): Record<string, unknown>;
  /** Ends the open event streams and the change-feed subscription. */
  close(): void;
}

/**
 * The admin app over a client: a JSON API, server-rendered pages and an event stream, behind
 * one `fetch(request)`. Throws `InvalidArgumentError` without `authorize` unless `readOnly`.
 */
export function createAdminApp(client: FeatureFlagClient, options: AdminOptions): AdminApp {
  const settings = resolveOptions(options);
  const events = new AdminEvents();
  const changes = new ChangeHub(client.store, settings.heartbeatMs);
  const flags = new FlagService(client, events, changes);
  const openapi = (): Record<string, unknown> => openApiDocument(settings.basePath);
  const router = new Router([
    ...apiRoutes({ flags, maxBodyBytes: settings.maxBodyBytes, openapi }),
    ...uiRoutes({ flags, changes, basePath: settings.basePath, title: settings.title, pageSize: settings.pageSize }),
  ]);
  const csrf = new CsrfTokens(settings.csrfSecret, settings.basePath);
  const owns = (pathname: string): boolean =>
    settings.basePath === '' || pathname === settings.basePath || pathname.startsWith(`${settings.basePath}/`);

  const dispatch = (request: Request, context: AuthorizeContext): Promise<Response> =>
    handle(request, context, { settings, router, csrf, changes, owns });

  const app: AdminApp = {
    basePath: settings.basePath,
    events,
    fetch: async (request, context = {}) => {
      if (request.method !== 'HEAD') return dispatch(request, context);
      const response = await dispatch(new Request(request.url, { method: 'GET', headers: request.headers }), context);
      await response.body?.cancel();
      return new Response(null, { status: response.status, headers: response.headers });
    },
    middleware: createNodeHandler((request, context) => app.fetch(request, context), owns),
    owns,
    openapi,
    close: () => changes.close(),
  };
  return app;
}

interface Parts {
  readonly settings: ResolvedAdminOptions;
  readonly router: Router;
  readonly csrf: CsrfTokens;
  readonly changes: ChangeHub;
  readonly owns: (pathname: string) => boolean;
}

async function handle(request: Request, context: AuthorizeContext, parts: Parts): Promise<Response> {
  const { settings, router, csrf, changes } = parts;
  const url = new URL(request.url);
  if (!parts.owns(url.pathname)) return errorResponse(new AdminError(404, 'NOT_FOUND', 'No such page or endpoint', undefined, `${url.pathname} is outside ${settings.basePath}`));
  const relative = url.pathname.slice(settings.basePath.length) || '/';
  if (url.pathname === settings.basePath && settings.basePath !== '') return seeOther(`${settings.basePath}/${url.search}`);
  if (request.method === 'GET' && relative.startsWith('/assets/')) {
    const asset = assetResponse(relative.slice('/assets/'.length));
    if (asset !== undefined) return asset;
  }
  const api = Router.isApiPath(relative);
  const responseHeaders = new Headers();
  const issued = csrf.issue(request);
  if (issued.setCookie !== undefined) responseHeaders.append('set-cookie', issued.setCookie);
  let caller: Caller = { access: false, actor: 'unknown' };
  let match: RouteMatch | undefined;
  try {
    caller = callerOf(await settings.authorize(request, context));
    if (caller.access === false) throw new AdminError(401, 'UNAUTHORIZED', 'Sign in to manage flags', undefined, 'authorize refused the request');
    match = router.match(request.method, relative);
    let form: URLSearchParams | undefined;
    if (match.route.write) {
      assertCanWrite(caller, settings.readOnly);
      if (match.route.surface === 'ui') form = await readForm(request, settings.maxBodyBytes, match.params['name']);
      if (isBrowserRequest(request)) {
        assertSameOrigin(request, settings.allowedOrigins);
        const token = form?.get(CSRF_FIELD) ?? request.headers.get(CSRF_HEADER);
        if (!csrf.verify(request, token)) {
          throw new AdminError(403, 'CSRF_TOKEN_INVALID', 'The page was out of date or the request did not come from it; reload and try again', match.params['name'], `a browser write needs the page's CSRF token (form field ${CSRF_FIELD} or header ${CSRF_HEADER})`);
        }
      }
    }
    const routeContext: RouteContext = {
      request,
      url,
      params: match.params,
      actor: caller.actor,
      canWrite: caller.access === 'write' && !settings.readOnly,
      csrfToken: issued.token,
      responseHeaders,
      ...(form === undefined ? {} : { form }),
    };
    return await match.route.handle(routeContext);
  } catch (error) {
    const refused = toAdminError(error, match?.params['name']);
    if (refused.code === 'INTERNAL_ERROR') settings.onError(error, request);
    if (api || match?.route.surface === 'api') return errorResponse(refused);
    const page = pageContext(
      { basePath: settings.basePath, title: settings.title, changes },
      { csrfToken: issued.token, canWrite: caller.access === 'write' && !settings.readOnly },
    );
    return htmlResponse(refused.status, renderErrorPage(page, refused.message, errorPageLines(refused)), responseHeaders);
  }
}

function errorPageLines(error: AdminError): string[] {
  const lines: string[] = [];
  if (error.featureName !== undefined) lines.push(`Flag: ${error.featureName}`);
  if (error.code === 'STORE_UNAVAILABLE') lines.push(`The ${error.extra.store ?? ''} store could not be reached (${error.extra.storeCode ?? error.code}). Flags cannot be shown or changed until it answers.`);
  lines.push(error.detail, `code ${error.code}`);
  return lines;
}
