import { describe, expect, it } from '@jest/globals';
import { findSecretPaths } from '@flipper-client/test-suite';
import { ConsulClientFailure, redact } from '../src/errors.js';

/** An error shaped as the `consul` client throws it: the response, and through it the request. */
function clientError(message: string, token: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    isConsul: true,
    response: { statusCode: 403, headers: {}, req: { _header: `PUT /v1/kv/x HTTP/1.1\r\nx-consul-token: ${token}\r\n` } },
    ...extra,
  });
}

describe('ConsulClientFailure: what is kept of the consul client’s error', () => {
  it('keeps the status, code and message, and nothing that leads back to the request', () => {
    const failure = ConsulClientFailure.of(clientError('consul: kv.set: ACL not found', 'TOKEN-1', { code: 'EACL' }), 'TOKEN-1');
    expect([failure.statusCode, failure.code, failure.message]).toEqual([403, 'EACL', 'consul: kv.set: ACL not found']);
    expect(failure.cause).toBeUndefined();
    expect(findSecretPaths(failure, 'TOKEN-1')).toEqual([]);
    expect(findSecretPaths(failure, 'x-consul-token')).toEqual([]);
  });

  it('blanks the token wherever it shows in the message or code', () => {
    const failure = ConsulClientFailure.of(Object.assign(new Error('refused TOKEN-2 twice: TOKEN-2'), { code: 'TOKEN-2' }), 'TOKEN-2');
    expect(failure.message).toBe('refused [redacted] twice: [redacted]');
    expect(failure.code).toBe('[redacted]');
    expect(failure.stack).not.toContain('TOKEN-2');
  });

  it('reads a connection failure without a response, and a thrown non-error', () => {
    const refused = ConsulClientFailure.of(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', response: undefined }), undefined);
    expect([refused.statusCode, refused.code, refused.message]).toEqual([undefined, 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1']);
    const odd = ConsulClientFailure.of('plain text', 'x');
    expect([odd.statusCode, odd.code, odd.message]).toEqual([undefined, undefined, 'plain te[redacted]t']);
  });

  it('does not treat an empty token as a secret', () => {
    expect(redact('message', '')).toBe('message');
    expect(redact('message', undefined)).toBe('message');
  });
});
