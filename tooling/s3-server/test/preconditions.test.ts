import { describe, expect, it } from '@jest/globals';
import { evaluatePutPreconditions, hasPreconditions } from '../src/index.js';

const ETAG = '"5d41402abc4b2a76b9719d911017c592"';

describe('PutObject preconditions, as Amazon S3 documents them', () => {
  it.each([
    ['no precondition, object present', {}, ETAG, 'write'],
    ['no precondition, no object', {}, undefined, 'write'],
    ['If-Match with the quoted ETag', { ifMatch: ETAG }, ETAG, 'write'],
    ['If-Match with the bare ETag', { ifMatch: ETAG.slice(1, -1) }, ETAG, 'write'],
    ['If-Match with one of several ETags', { ifMatch: `"other", ${ETAG}` }, ETAG, 'write'],
    ['If-Match with another ETag', { ifMatch: '"0123"' }, ETAG, 'precondition-failed'],
    ['If-Match on a missing object', { ifMatch: ETAG }, undefined, 'no-such-key'],
    ['If-None-Match * on a missing object', { ifNoneMatch: '*' }, undefined, 'write'],
    ['If-None-Match * on a present object', { ifNoneMatch: '*' }, ETAG, 'precondition-failed'],
    ['If-None-Match with an ETag (S3 accepts only *)', { ifNoneMatch: ETAG }, undefined, 'not-implemented'],
  ] as const)('%s: %s', (_label, preconditions, current, expected) => {
    expect(evaluatePutPreconditions(preconditions, current).kind).toBe(expected);
  });

  it('names the condition that failed', () => {
    expect(evaluatePutPreconditions({ ifMatch: '"x"' }, ETAG)).toEqual({ kind: 'precondition-failed', condition: 'If-Match' });
    expect(evaluatePutPreconditions({ ifNoneMatch: '*' }, ETAG)).toEqual({
      kind: 'precondition-failed',
      condition: 'If-None-Match',
    });
  });

  it('knows when there is anything to check', () => {
    expect(hasPreconditions({})).toBe(false);
    expect(hasPreconditions({ ifMatch: ETAG })).toBe(true);
    expect(hasPreconditions({ ifNoneMatch: '*' })).toBe(true);
  });
});
