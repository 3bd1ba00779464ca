import { environmentStyleSheet, type ResolvedEnvironment } from '../ui/environment.js';
import { ASSET_TEXT } from './asset-text.js';
import { securityHeaders } from './responses.js';

/** The pages' script and style sheet (from the package's `assets/`; no build step, nothing fetched). */
const TYPES: Record<string, string> = {
  'admin.js': 'text/javascript; charset=utf-8',
  'admin.css': 'text/css; charset=utf-8',
};

/** The asset at `/assets/<name>` (the environment label's style sheet when there is one), or undefined for any other name. */
export function assetResponse(name: string, environment?: ResolvedEnvironment): Response | undefined {
  if (name === 'environment.css' && environment !== undefined) return styleSheet(environmentStyleSheet(environment));
  const type = Object.hasOwn(TYPES, name) ? TYPES[name] : undefined;
  const text = Object.hasOwn(ASSET_TEXT, name) ? ASSET_TEXT[name] : undefined;
  if (type === undefined || text === undefined) return undefined;
  const headers = securityHeaders(new Headers({ 'cache-control': 'no-cache' }));
  headers.set('content-type', type);
  return new Response(text, { status: 200, headers });
}

function styleSheet(text: string): Response {
  const headers = securityHeaders(new Headers({ 'cache-control': 'no-cache' }));
  headers.set('content-type', 'text/css; charset=utf-8');
  return new Response(text, { status: 200, headers });
}
