import { readFileSync } from 'node:fs';
import { securityHeaders } from './responses.js';

/** The pages' script and style sheet, shipped in the package's `assets/` (no build step, nothing fetched). */
const FILES: Record<string, { file: string; type: string }> = {
  'admin.js': { file: 'admin.js', type: 'text/javascript; charset=utf-8' },
  'admin.css': { file: 'admin.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

function load(file: string): Buffer {
  let content = cache.get(file);
  if (content === undefined) {
    // src/http and dist/http are both two levels below the package root.
    content = readFileSync(new URL(`../../assets/${file}`, import.meta.url));
    cache.set(file, content);
  }
  return content;
}

/** The asset at `/assets/<name>`, or undefined for any other name. */
export function assetResponse(name: string): Response | undefined {
  const asset = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (asset === undefined) return undefined;
  const headers = securityHeaders(new Headers({ 'cache-control': 'no-cache' }));
  headers.set('content-type', asset.type);
  return new Response(load(asset.file), { status: 200, headers });
}
