import { findSecretPaths } from '@flipper-client/test-suite';
import { inspect } from 'node:util';

/**
 * Where a secret shows in what an application would log of an error or an event: the message,
 * name and stack of the error and of every error in its `cause` chain (and AggregateError
 * members), `util.inspect` with Node's defaults (what `console.log` and most loggers print) and
 * `JSON.stringify` (what JSON loggers print of enumerable properties). Returns one label per place.
 */
export function findSecretInLogForms(value: unknown, secret: string): string[] {
  const found: string[] = [];
  walkErrorTexts(value, secret, '$', found, new Set());
  if (inspect(value).includes(secret)) found.push('util.inspect($)');
  if (safeJson(value).includes(secret)) found.push('JSON.stringify($)');
  return found;
}

function walkErrorTexts(value: unknown, secret: string, path: string, found: string[], seen: Set<object>): void {
  if (typeof value === 'string') {
    if (value.includes(secret)) found.push(path);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Error) {
    for (const field of ['name', 'message', 'stack'] as const) {
      if (String(value[field] ?? '').includes(secret)) found.push(`${path}.${field}`);
    }
    walkErrorTexts(value.cause, secret, `${path}.cause`, found, seen);
    if (value instanceof AggregateError) value.errors.forEach((error, i) => walkErrorTexts(error, secret, `${path}.errors[${i}]`, found, seen));
    return;
  }
  // An event object or a list of them: follow their members to the errors they carry.
  for (const [key, member] of Object.entries(value)) walkErrorTexts(member, secret, `${path}.${key}`, found, seen);
}

function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, member: unknown) => {
        if (typeof member === 'object' && member !== null) {
          if (seen.has(member)) return '[cycle]';
          seen.add(member);
        }
        return typeof member === 'bigint' ? member.toString() : member;
      }) ?? ''
    );
  } catch {
    return '';
  }
}

/** Everywhere a secret can be reached from `value` (the core's testing kit walks it). */
export const findSecretDeep = findSecretPaths;
