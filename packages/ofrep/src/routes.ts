import { OfrepError } from './errors.js';

export type OfrepRoute =
  | { readonly kind: 'single'; readonly key: string }
  | { readonly kind: 'bulk' }
  | { readonly kind: 'events' }
  | { readonly kind: 'preflight' };

const API = '/ofrep/v1';
const SINGLE = `${API}/evaluate/flags/`;

function methodNotAllowed(method: string, allowed: string): OfrepError {
  return new OfrepError(405, 'GENERAL', `${method} is not allowed here; use ${allowed}`, { allow: allowed });
}

/**
 * The OFREP endpoint of a path below the base path. The flag key is everything after
 * `/evaluate/flags/`, percent-decoded: the providers put the key into the path as it is, so a
 * flag named `a/b` arrives as two segments.
 */
export function routeOf(method: string, relativePath: string): OfrepRoute {
  if (method === 'OPTIONS') return { kind: 'preflight' };
  if (relativePath === `${API}/evaluate/flags`) {
    if (method !== 'POST') throw methodNotAllowed(method, 'POST');
    return { kind: 'bulk' };
  }
  if (relativePath.startsWith(SINGLE) && relativePath.length > SINGLE.length) {
    if (method !== 'POST') throw methodNotAllowed(method, 'POST');
    let key: string;
    try {
      key = decodeURIComponent(relativePath.slice(SINGLE.length));
    } catch {
      throw new OfrepError(400, 'PARSE_ERROR', 'the flag key in the path is not valid percent-encoding');
    }
    return { kind: 'single', key };
  }
  if (relativePath === `${API}/events`) {
    if (method !== 'GET') throw methodNotAllowed(method, 'GET');
    return { kind: 'events' };
  }
  throw new OfrepError(404, 'GENERAL', `no OFREP endpoint at ${relativePath}`);
}

export const OFREP_PREFIX = API;
