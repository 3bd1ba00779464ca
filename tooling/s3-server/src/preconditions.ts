/**
 * The preconditions of a conditional PutObject as Amazon S3 documents them:
 *
 * - `If-None-Match: *` writes only when no object has the key; otherwise 412 PreconditionFailed.
 *   `*` is the only value S3 accepts there.
 * - `If-Match: <etag>` writes only when the object exists and its ETag is that one; 412
 *   PreconditionFailed when the ETags differ, 404 NoSuchKey when there is no object.
 *
 * ETags compare strongly, with or without their surrounding quotes (clients echo the quoted
 * ETag S3 returned). `If-Match` is evaluated before `If-None-Match`, in the order of RFC 7232 §6.
 */

export type PreconditionVerdict =
  | { readonly kind: 'write' }
  | { readonly kind: 'precondition-failed'; readonly condition: 'If-Match' | 'If-None-Match' }
  | { readonly kind: 'no-such-key' }
  | { readonly kind: 'not-implemented'; readonly header: 'If-None-Match' };

export interface PutPreconditions {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
}

/** True when the request carries a precondition that has to be checked against the object. */
export function hasPreconditions(preconditions: PutPreconditions): boolean {
  return preconditions.ifMatch !== undefined || preconditions.ifNoneMatch !== undefined;
}

function normalizeEtag(etag: string): string {
  const trimmed = etag.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

function matchesAny(headerValue: string, currentEtag: string): boolean {
  const current = normalizeEtag(currentEtag);
  return headerValue.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || normalizeEtag(value) === current;
  });
}

/** Decides a PutObject given the ETag of the object now stored under its key (undefined: none). */
export function evaluatePutPreconditions(preconditions: PutPreconditions, currentEtag: string | undefined): PreconditionVerdict {
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    return { kind: 'not-implemented', header: 'If-None-Match' };
  }
  if (ifMatch !== undefined) {
    if (currentEtag === undefined) return { kind: 'no-such-key' };
    if (!matchesAny(ifMatch, currentEtag)) return { kind: 'precondition-failed', condition: 'If-Match' };
  }
  if (ifNoneMatch !== undefined && currentEtag !== undefined) {
    return { kind: 'precondition-failed', condition: 'If-None-Match' };
  }
  return { kind: 'write' };
}
