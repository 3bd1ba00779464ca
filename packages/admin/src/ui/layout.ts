import { CSRF_FIELD } from '../http/csrf.js';
import type { Access } from '../options.js';
import { html, type SafeHtml } from './html.js';

/** Who is looking at the page, as `authorize` or the sign-in session said. */
export interface Viewer {
  readonly access: Access;
  readonly actor: string;
  /** Signed in through the app's own sign-in page (so it can sign out there). */
  readonly session: boolean;
}

/** What every page knows: where the app is mounted, the CSRF token and who may write. */
export interface PageContext {
  readonly basePath: string;
  readonly title: string;
  readonly csrfToken: string;
  readonly canWrite: boolean;
  /** Whether the store has a change feed (else only this app's own changes are live). */
  readonly live: boolean;
  readonly viewer: Viewer;
  /** Whether the app offers its own sign-in page (the `signIn` option). */
  readonly signIn: boolean;
  /** The environment label of the header, when the app was given one. */
  readonly environment?: string;
}

export function flagPath(basePath: string, name: string, action = ''): string {
  return `${basePath}/flag/${encodeURIComponent(name)}${action === '' ? '' : `/${action}`}`;
}

export function csrfField(context: PageContext): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${context.csrfToken}">`;
}

export function layout(
  context: PageContext,
  page: { title: string; body: SafeHtml; kind: 'list' | 'flag' | 'error'; flag?: string },
): string {
  const root = `${context.basePath}/`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${context.csrfToken}">
<title>${context.environment === undefined ? '' : `[${context.environment}] `}${page.title} · ${context.title}</title>
<link rel="stylesheet" href="${context.basePath}/assets/admin.css">
${context.environment === undefined ? '' : html`<link rel="stylesheet" href="${context.basePath}/assets/environment.css">`}
<script src="${context.basePath}/assets/admin.js" defer></script>
</head>
<body data-page="${page.kind}" data-flag="${page.flag ?? ''}" data-events="${context.basePath}/events">
<header class="top">
  <a class="brand" href="${root}">${context.title}</a>
  ${environmentLabel(context)}
  ${viewerLine(context)}
  <span id="live-status" class="live" data-live-feed="${context.live ? 'store' : 'app'}">${context.live ? 'live' : 'live (this app only)'}</span>
</header>
<div id="stale-banner" class="banner" hidden>This flag changed elsewhere while you were editing. <a href="">Reload</a> to see it.</div>
<main>
${page.body}
</main>
</body>
</html>
`.text;
}

function accessText(context: PageContext): string {
  if (context.viewer.access === false) return 'not signed in';
  return context.canWrite ? 'read and write' : 'read only';
}

/** Who is signed in and what they may do; a sign-in link or a sign-out button where the app offers them. */
function viewerLine(context: PageContext): SafeHtml {
  const { viewer } = context;
  const who = viewer.access !== false && viewer.actor !== 'unknown' ? html`<span class="actor" id="signed-in-as">${viewer.actor}</span> · ` : '';
  let action: SafeHtml | string = '';
  if (viewer.session) {
    action = html`<form method="post" action="${context.basePath}/sign-out" class="sign-out">${csrfField(context)}<button type="submit">Sign out</button></form>`;
  } else if (viewer.access === false && context.signIn) action = html`<a class="sign-in" href="${context.basePath}/sign-in">Sign in</a>`;
  return html`<span class="access">${who}${accessText(context)}</span>${action}`;
}

function environmentLabel(context: PageContext): SafeHtml | string {
  if (context.environment === undefined) return '';
  return html`<span class="environment" id="environment" role="note" aria-label="environment ${context.environment}">${context.environment}</span>`;
}

/** A fixed set of confirmations, chosen by `?done=`: a crafted link cannot put words on the page. */
export const NOTICES: Readonly<Record<string, string>> = {
  created: 'Flag created.',
  enabled: 'Flag enabled.',
  disabled: 'Flag disabled.',
  conditions: 'Conditions saved.',
  bucketer: 'Bucketer saved.',
  'client-data': 'Client data merged.',
  destroyed: 'Flag destroyed.',
  'signed-in': 'Signed in.',
};

export function notice(done: string | null): SafeHtml {
  const text = done === null ? undefined : NOTICES[done];
  return text === undefined ? html`` : html`<p class="notice" role="status">${text}</p>`;
}

export function errorBox(message: string | undefined): SafeHtml {
  return message === undefined ? html`` : html`<p class="error" role="alert">${message}</p>`;
}
