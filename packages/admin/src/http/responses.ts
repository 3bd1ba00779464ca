import { jsonResponse as sharedJsonResponse } from '@flipper-client/http';
import type { AdminError } from '../errors.js';

/**
 * No inline script or style, nothing from another origin: the page's only script is the app's
 * own file, so a value that slipped past escaping still could not run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers every response carries. */
export function securityHeaders(headers: Headers = new Headers()): Headers {
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  headers.set('x-content-type-options', 'nosniff');
  headers.set('x-frame-options', 'DENY');
  headers.set('referrer-policy', 'same-origin');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return headers;
}

export function jsonResponse(status: number, body: unknown, init: { headers?: Headers } = {}): Response {
  return sharedJsonResponse(status, body, { headers: securityHeaders(init.headers) });
}

export function errorResponse(error: AdminError): Response {
  const headers = new Headers();
  if (error.code === 'UNAUTHORIZED') headers.set('www-authenticate', 'Bearer');
  if (error.code === 'METHOD_NOT_ALLOWED') headers.set('allow', error.detail.replace(/^allowed: /, ''));
  return jsonResponse(error.status, { error: error.toBody() }, { headers });
}

export function htmlResponse(status: number, page: string, headers: Headers = new Headers()): Response {
  securityHeaders(headers).set('content-type', 'text/html; charset=utf-8');
  return new Response(page, { status, headers });
}

/** 303: after a form post, the browser loads the page with GET (no resubmission on reload). */
export function seeOther(location: string, headers: Headers = new Headers()): Response {
  securityHeaders(headers).set('location', location);
  return new Response(null, { status: 303, headers });
}
