import type { ServerResponse } from 'node:http';
import { runBlockingQuery } from './blocking-query.js';
import type { IndexedResult, KvState } from './kv-state.js';
import { entryJson, goJsonString, queryMetaHeaders, send, sendError, sendJson } from './reply.js';

/** Consul refuses values over 512 KiB (its default `kv_max_value_size`). */
export const MAX_VALUE_BYTES = 512 * 1024;

/** A `/v1/kv/` request after the checks every endpoint shares (ACL, datacenter, index, wait). */
export interface KvRequest {
  method: string;
  key: string;
  params: URLSearchParams;
  body: Buffer;
  state: KvState;
  minIndex: bigint;
  waitMs: number | undefined;
  signal: AbortSignal;
}

/** GET: one key, `?recurse` for a prefix, `?keys` (+ `separator`) for key names; all can block. */
export async function handleGet(req: KvRequest, res: ServerResponse): Promise<void> {
  const { key, params } = req;
  if (params.has('keys')) {
    const separator = params.get('separator') ?? params.get('seperator') ?? '';
    const { index, result } = await block(req, (changed) => changed.startsWith(key), () => req.state.listKeys(key, separator));
    if (result.length === 0 && key !== '') return send(res, 404, '', queryMetaHeaders(index));
    return sendJson(res, 200, `[${result.map(goJsonString).join(',')}]`, queryMetaHeaders(index));
  }
  if (params.has('recurse')) {
    const { index, result } = await block(req, (changed) => changed.startsWith(key), () => req.state.list(key));
    if (result.length === 0) return send(res, 404, '', queryMetaHeaders(index));
    return sendJson(res, 200, `[${result.map(entryJson).join(',')}]`, queryMetaHeaders(index));
  }
  if (key === '') return sendError(res, 400, 'Missing key name');
  const { index, result } = await block(req, (changed) => changed === key, () => req.state.get(key));
  if (result === undefined) return send(res, 404, '', queryMetaHeaders(index));
  if (params.has('raw')) {
    return send(res, 200, result.value ?? Buffer.alloc(0), {
      ...queryMetaHeaders(index),
      'Content-Type': 'text/plain',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': 'sandbox',
    });
  }
  return sendJson(res, 200, `[${entryJson(result)}]`, queryMetaHeaders(index));
}

/** PUT: stores the body as the value; `?flags=`, `?cas=`; answers `true` or `false`. */
export function handlePut(req: KvRequest, res: ServerResponse): void {
  const { key, params } = req;
  if (key === '') return sendError(res, 400, 'Missing key name');
  if (conflicting(params, ['cas', 'acquire', 'release'], res)) return;
  const session = params.get('acquire') ?? params.get('release');
  // No sessions exist here, so every session ID is unknown, which Consul reports this way.
  if (session !== null) return sendError(res, 500, `invalid session "${session}"`);
  const flags = parseUint(params, 'flags', res);
  const cas = parseUint(params, 'cas', res);
  if (flags === null || cas === null) return;
  if (req.body.length > MAX_VALUE_BYTES) {
    return sendError(res, 413, `Request body(${req.body.length} bytes) too large, max size: ${MAX_VALUE_BYTES} bytes.`);
  }
  const written = req.state.set(key, req.body, flags ?? 0n, cas);
  sendJson(res, 200, written ? 'true' : 'false');
}

/** DELETE: one key, `?recurse` for a prefix, `?cas=` for a conditional delete. */
export function handleDelete(req: KvRequest, res: ServerResponse): void {
  const { key, params } = req;
  if (conflicting(params, ['recurse', 'cas'], res)) return;
  if (params.has('recurse')) {
    req.state.deleteTree(key);
    return sendJson(res, 200, 'true');
  }
  if (key === '') return sendError(res, 400, 'Missing key name');
  const cas = parseUint(params, 'cas', res);
  if (cas === null) return;
  sendJson(res, 200, req.state.delete(key, cas) ? 'true' : 'false');
}

function block<T>(req: KvRequest, watches: (key: string) => boolean, run: () => IndexedResult<T>): Promise<IndexedResult<T>> {
  return runBlockingQuery({ state: req.state, minIndex: req.minIndex, waitMs: req.waitMs, watches, run, signal: req.signal });
}

function conflicting(params: URLSearchParams, names: readonly string[], res: ServerResponse): boolean {
  if (names.filter((name) => params.has(name)).length < 2) return false;
  sendError(res, 400, `Conflicting flags: ${params.toString()}`);
  return true;
}

/** A uint64 parameter: undefined when absent, null after answering 500 for a bad one (as Consul does). */
function parseUint(params: URLSearchParams, name: string, res: ServerResponse): bigint | undefined | null {
  const text = params.get(name);
  if (text === null) return undefined;
  if (/^\d+$/.test(text) && BigInt(text) < 2n ** 64n) return BigInt(text);
  sendError(res, 500, `strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  return null;
}
