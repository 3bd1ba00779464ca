import type { ServerResponse } from 'node:http';
import type { KvEntry, KvState } from './kv-state.js';
import { entryJson, goJsonString, sendError, sendJson } from './reply.js';
import { MAX_VALUE_BYTES } from './kv-routes.js';

/** Consul's `txn_max_ops` default. */
export const MAX_TXN_OPS = 64;

const VERBS = ['set', 'cas', 'get', 'get-tree', 'check-index', 'check-not-exists', 'delete', 'delete-tree', 'delete-cas'] as const;
type Verb = (typeof VERBS)[number];

interface KvOp {
  readonly verb: Verb;
  readonly key: string;
  readonly value: Buffer | null;
  readonly flags: bigint;
  readonly index: bigint | undefined;
}

type Write = { key: string; value: Buffer | null; flags: bigint } | { key: string; delete: true };

class BadTxn extends Error {}

function parseOps(body: Buffer): KvOp[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BadTxn(`Failed to parse body: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new BadTxn('Failed to parse body: expected an array of operations');
  return parsed.map((op: unknown, at) => {
    const kv = typeof op === 'object' && op !== null ? (op as Record<string, unknown>)['KV'] : undefined;
    // Node, Service and Check operations exist in Consul; this endpoint is a KV store only.
    if (typeof kv !== 'object' || kv === null) throw new BadTxn(`Failed to parse body: operation ${at} is not a KV operation`);
    const fields = kv as Record<string, unknown>;
    const verb = fields['Verb'];
    if (!VERBS.includes(verb as Verb)) throw new BadTxn(`Failed to parse body: unknown KV verb ${JSON.stringify(verb)}`);
    const key = typeof fields['Key'] === 'string' ? fields['Key'] : '';
    if (key === '' && verb !== 'get-tree' && verb !== 'delete-tree') throw new BadTxn(`Failed to parse body: operation ${at} has no Key`);
    const value = typeof fields['Value'] === 'string' && fields['Value'] !== '' ? Buffer.from(fields['Value'], 'base64') : null;
    if (value !== null && value.length > MAX_VALUE_BYTES) throw new BadTxn(`Value for key "${key}" is too large (${value.length} > ${MAX_VALUE_BYTES} bytes)`);
    const number = (name: string): bigint | undefined => {
      const raw = fields[name];
      if (raw === undefined || raw === null) return undefined;
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) throw new BadTxn(`Failed to parse body: ${name} must be an unsigned integer`);
      return BigInt(raw);
    };
    return { verb: verb as Verb, key, value, flags: number('Flags') ?? 0n, index: number('Index') };
  });
}

/**
 * `PUT /v1/txn` for KV operations, as Consul's transaction endpoint: every check runs against
 * the table as the earlier operations of the same transaction left it; if one fails, nothing
 * is written and the answer is 409 with `Errors` naming the operation; otherwise every write
 * lands at one Raft index and the answer is 200 with a result per `set`, `cas`, `get`,
 * `get-tree` (one per key) and `check-index` operation (values of writes left out, as Consul does).
 */
export function handleTxn(state: KvState, body: Buffer, res: ServerResponse): void {
  let ops: KvOp[];
  try {
    ops = parseOps(body);
  } catch (error) {
    if (error instanceof BadTxn) return sendError(res, 400, error.message);
    throw error;
  }
  if (ops.length > MAX_TXN_OPS) return sendError(res, 413, `Transaction contains too many operations (${ops.length} > ${MAX_TXN_OPS})`);
  const future = state.lastIndex + 1;
  const overlay = new Map<string, KvEntry | null>();
  const current = (key: string): KvEntry | undefined => (overlay.has(key) ? (overlay.get(key) ?? undefined) : state.peek(key));
  const writes: Write[] = [];
  const results: Array<{ entry: KvEntry; withValue: boolean }> = [];
  const errors: Array<{ at: number; what: string }> = [];
  const put = (op: KvOp): void => {
    const existing = current(op.key);
    const entry: KvEntry = { key: op.key, value: op.value, flags: op.flags, createIndex: existing?.createIndex ?? future, modifyIndex: future, lockIndex: existing?.lockIndex ?? 0 };
    overlay.set(op.key, entry);
    writes.push({ key: op.key, value: op.value, flags: op.flags });
    results.push({ entry, withValue: false });
  };
  const remove = (key: string): void => {
    overlay.set(key, null);
    writes.push({ key, delete: true });
  };
  ops.forEach((op, at) => {
    const existing = current(op.key);
    const stale = (): boolean => (op.index === 0n ? existing !== undefined : existing === undefined || BigInt(existing.modifyIndex) !== op.index);
    switch (op.verb) {
      case 'set':
        return put(op);
      case 'cas':
        if (op.index === undefined || stale()) return void errors.push({ at, what: `failed to set key ${goJsonString(op.key)}, index is stale` });
        return put(op);
      case 'get':
        if (existing === undefined) return void errors.push({ at, what: `key ${goJsonString(op.key)} doesn't exist` });
        return void results.push({ entry: existing, withValue: true });
      case 'get-tree':
        for (const entry of state.under(op.key)) {
          const seen = current(entry.key);
          if (seen !== undefined) results.push({ entry: seen, withValue: true });
        }
        for (const [key, entry] of overlay) {
          if (entry !== null && key.startsWith(op.key) && state.peek(key) === undefined) results.push({ entry, withValue: true });
        }
        return;
      case 'check-index':
        if (op.index === undefined || existing === undefined || BigInt(existing.modifyIndex) !== op.index) {
          return void errors.push({ at, what: `current modify index for key ${goJsonString(op.key)} is not ${String(op.index)}` });
        }
        return void results.push({ entry: existing, withValue: false });
      case 'check-not-exists':
        if (existing !== undefined) errors.push({ at, what: `key ${goJsonString(op.key)} exists` });
        return;
      case 'delete':
        return remove(op.key);
      case 'delete-tree':
        for (const entry of state.under(op.key)) remove(entry.key);
        for (const [key, entry] of overlay) if (entry !== null && key.startsWith(op.key)) remove(key);
        return;
      case 'delete-cas':
        if (op.index === undefined || (existing !== undefined && stale())) {
          return void errors.push({ at, what: `failed to delete key ${goJsonString(op.key)}, index is stale` });
        }
        return remove(op.key);
    }
  });
  if (errors.length > 0) {
    if (ops.some((op) => !op.verb.startsWith('get') && !op.verb.startsWith('check'))) state.burnIndex();
    const list = errors.map(({ at, what }) => `{"OpIndex":${at},"What":${goJsonString(what)}}`).join(',');
    return sendJson(res, 409, `{"Results":null,"Errors":[${list}]}`);
  }
  if (writes.length > 0) state.applyAll(writes);
  const list = results.map(({ entry, withValue }) => `{"KV":${entryJson(withValue ? entry : { ...entry, value: null })}}`).join(',');
  sendJson(res, 200, `{"Results":[${list}],"Errors":null}`);
}
