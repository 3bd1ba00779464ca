import type { ServerResponse } from 'node:http';
import type { KvEntry } from './kv-state.js';

/** The query-meta headers Consul sets on every read, the 404 of a missing key included. */
export function queryMetaHeaders(index: number): Record<string, string> {
  return { 'X-Consul-Index': String(index), 'X-Consul-KnownLeader': 'true', 'X-Consul-LastContact': '0' };
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  send(res, status, json, { 'Content-Type': 'application/json', ...headers });
}

/** Errors are plain text in Consul, without a trailing JSON shape. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, message, { 'Content-Type': 'text/plain; charset=utf-8' });
}

/** A JSON string as Go's encoder writes it: HTML-significant characters escaped. */
export function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One entry in Consul's field order. Written by hand because `Flags` is a uint64 that may pass
 * 2^53, which `JSON.stringify` cannot print exactly.
 */
export function entryJson(entry: KvEntry): string {
  const value = entry.value === null ? 'null' : `"${entry.value.toString('base64')}"`;
  return (
    `{"LockIndex":${entry.lockIndex},"Key":${goJsonString(entry.key)},"Flags":${entry.flags.toString()},` +
    `"Value":${value},"CreateIndex":${entry.createIndex},"ModifyIndex":${entry.modifyIndex}}`
  );
}
