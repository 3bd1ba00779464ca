import { invalidBody } from '../errors.js';
import type { ListQuery } from '../flag-service.js';

export const MAX_LIMIT = 1000;

function count(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw invalidBody(undefined, `${name} must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `?q=&offset=&limit=` of a list request. */
export function listQuery(params: URLSearchParams, defaultLimit: number): ListQuery {
  const search = params.get('q')?.trim();
  return {
    ...(search ? { search } : {}),
    offset: count(params, 'offset', 0, Number.MAX_SAFE_INTEGER),
    limit: count(params, 'limit', defaultLimit, MAX_LIMIT),
  };
}
