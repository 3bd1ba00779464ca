import type { FeatureFlagClient } from '@flipper-client/core';
import { createNodeHandler, type NodeHandler } from '@flipper-client/http';
import { apiRoutes } from './api/api-routes.js';
import { AdminEvents } from './audit.js';
import { identify } from './auth/identify.js';
import { SessionCookies } from './auth/session-cookies.js';
import { SIGN_IN_PATH, signInResponse, type SignInParts } from './auth/sign-in.js';
import { ChangeHub } from './change-hub.js';
import { FlagService } from './flag-service.js';
import { AdminError, toAdminError } from './errors.js';
import { assetResponse } from './http/assets.js';
import { readForm } from './http/body.js';
import { CSRF_FIELD, CSRF_HEADER, CsrfTokens } from './http/csrf.js';
import { assertCanWrite, assertSameOrigin, isBrowserRequest } from './http/gate.js';
import { errorResponse, htmlResponse, seeOther } from './http/responses.js';
import { Router, type RouteContext, type RouteMatch } from './http/router.js';
import { openApiDocument } from './openapi/document.js';
import { resolveOptions, type AdminOptions, type AuthorizeContext, type ResolvedAdminOptions } from './options.js';
import { renderErrorPage } from './ui/flag-page.js';
import type { Viewer } from './ui/layout.js';
import { pageContext, uiRoutes, type PageSettings } from './ui/ui-routes.js';

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
  close(): Promise<void>;
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
  const pages: PageSettings = {
    changes,
    basePath: settings.basePath,
    title: settings.title,
    signIn: settings.signIn !== undefined,
    ...(settings.environment === undefined ? {} : { environment: settings.environment.name }),
  };
  const router = new Router([
    ...apiRoutes({ flags, maxBodyBytes: settings.maxBodyBytes, openapi }),
    ...uiRoutes({ ...pages, flags, pageSize: settings.pageSize }),
  ]);
  const csrf = new CsrfTokens(settings.csrfSecret, settings.basePath);
  const signIn: SignInParts | undefined =
    settings.signIn === undefined
      ? undefined
      : {
          tokens: settings.signIn.tokens,
          sessions: new SessionCookies(settings.signIn.secret, settings.basePath, settings.signIn.maxAgeMs),
          csrf,
          basePath: settings.basePath,
          allowedOrigins: settings.allowedOrigins,
          maxBodyBytes: settings.maxBodyBytes,
          page: (csrfToken) => pageContext(pages, { csrfToken, canWrite: false, viewer: NOBODY }),
        };
  const owns = (pathname: string): boolean =>
    settings.basePath === '' || pathname === settings.basePath || pathname.startsWith(`${settings.basePath}/`);

  const dispatch = (request: Request, context: AuthorizeContext): Promise<Response> =>
    handle(request, context, { settings, router, csrf, pages, signIn, owns });

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
    // Async like the stores' close(), so that a host can await every close the same way.
    close: async () => changes.close(),
  };
  return app;
}

const NOBODY: Viewer = { access: false, actor: 'unknown', session: false };

interface Parts {
  readonly settings: ResolvedAdminOptions;
  readonly router: Router;
  readonly csrf: CsrfTokens;
  readonly pages: PageSettings;
  readonly signIn: SignInParts | undefined;
  readonly owns: (pathname: string) => boolean;
}

async function handle(request: Request, context: AuthorizeContext, parts: Parts): Promise<Response> {
  const { settings, router, csrf, pages, signIn } = parts;
  const url = new URL(request.url);
  if (!parts.owns(url.pathname)) return errorResponse(new AdminError(404, 'NOT_FOUND', 'No such page or endpoint', undefined, `${url.pathname} is outside ${settings.basePath}`));
  const relative = url.pathname.slice(settings.basePath.length) || '/';
  if (url.pathname === settings.basePath && settings.basePath !== '') return seeOther(`${settings.basePath}/${url.search}`);
  if (request.method === 'GET' && relative.startsWith('/assets/')) {
    const asset = assetResponse(relative.slice('/assets/'.length), settings.environment);
    if (asset !== undefined) return asset;
  }
  const api = Router.isApiPath(relative);
  const responseHeaders = new Headers();
  const issued = csrf.issue(request);
  if (issued.setCookie !== undefined) responseHeaders.append('set-cookie', issued.setCookie);
  let caller: Viewer = NOBODY;
  let match: RouteMatch | undefined;
  try {
    const signInPage = signIn === undefined ? undefined : await signInResponse(request, relative, signIn, responseHeaders, issued.token);
    if (signInPage !== undefined) return signInPage;
    caller = await identify(request, context, settings, signIn?.sessions);
    if (caller.access === false) throw new AdminError(401, 'UNAUTHORIZED', 'Sign in to manage flags', undefined, refusedDetail(settings));
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
      viewer: caller,
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
    const page = pageContext(pages, { csrfToken: issued.token, canWrite: caller.access === 'write' && !settings.readOnly, viewer: caller });
    return htmlResponse(refused.status, renderErrorPage(page, refused.message, errorPageLines(refused, settings), refused.code === 'UNAUTHORIZED' && settings.signIn !== undefined), responseHeaders);
  }
}

/** What a refused request is told: how to get in. */
function refusedDetail(settings: ResolvedAdminOptions): string {
  const bearer = 'send Authorization: Bearer <token>';
  return settings.signIn === undefined
    ? `authorize refused the request: ${bearer}, or sign in to the host application whose session authorize reads`
    : `authorize refused the request: ${bearer}, or sign in with a token at ${settings.basePath}${SIGN_IN_PATH}`;
}

function errorPageLines(error: AdminError, settings: ResolvedAdminOptions): string[] {
  const lines: string[] = [];
  if (error.code === 'UNAUTHORIZED') {
    lines.push(
      settings.signIn === undefined
        ? 'This app lets in whoever its host application’s authorize accepts: sign in to the application first (its own session), or, from a script, send an Authorization: Bearer header.'
        : 'Sign in with one of this app’s tokens on its sign-in page. Scripts send the token as an Authorization: Bearer header instead.',
    );
  }
  if (error.featureName !== undefined) lines.push(`Flag: ${error.featureName}`);
  if (error.code === 'STORE_UNAVAILABLE') lines.push(`The ${error.extra.store ?? ''} store could not be reached (${error.extra.storeCode ?? error.code}). Flags cannot be shown or changed until it answers.`);
  lines.push(error.detail, `code ${error.code}`);
  return lines;
}
