import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { KeyedReadWriteLock } from './keyed-read-write-lock.js';
import { evaluatePutPreconditions, hasPreconditions, type PutPreconditions } from './preconditions.js';
import { sendS3Error } from './s3-error-response.js';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

interface ObjectAddress {
  bucket: string;
  key: string;
  /** The raw path, as s3rver routes it: the HEAD that reads the ETag takes the same one. */
  rawPath: string;
}

/** Bucket and key of a request, path-style or virtual-host-style as s3rver routes them. */
function objectAddress(request: IncomingMessage): ObjectAddress | undefined {
  const url = new URL(request.url ?? '/', 'http://front.invalid');
  const hostname = (request.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const path = url.pathname;
  if (hostname === '' || isIP(hostname) !== 0 || hostname === 'localhost') {
    const slash = path.indexOf('/', 1);
    if (slash < 0 || slash === path.length - 1) return undefined;
    return { bucket: decode(path.slice(1, slash)), key: decode(path.slice(slash + 1)), rawPath: path };
  }
  if (path.length <= 1) return undefined;
  return { bucket: hostname, key: decode(path.slice(1)), rawPath: path };
}

/**
 * A plain PutObject: no copy, no part upload, no sub-resource such as `?tagging`. The SDK adds
 * `?x-id=PutObject`; presigned URLs carry `X-Amz-*` parameters.
 */
function isPutObject(request: IncomingMessage): boolean {
  if (request.method !== 'PUT' || request.headers['x-amz-copy-source'] !== undefined) return false;
  const query = new URL(request.url ?? '/', 'http://front.invalid').searchParams;
  return [...query.keys()].every((name) => name === 'x-id' || name.toLowerCase().startsWith('x-amz-'));
}

/** A DeleteObject (not a multi-object delete, not an abort of a multipart upload). */
function isDeleteObject(request: IncomingMessage): boolean {
  if (request.method !== 'DELETE') return false;
  const query = new URL(request.url ?? '/', 'http://front.invalid').searchParams;
  return [...query.keys()].every((name) => name === 'x-id' || name.toLowerCase().startsWith('x-amz-'));
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Marks the front's own HEAD, which runs inside a write lock and must not wait for a read lock. */
const INTERNAL_HEADER = 'x-flipper-front-etag-check';

export interface ConditionalWriteFront {
  handler: RequestHandler;
  /** Releases the connections the front keeps to its own server. */
  close(): void;
}

/**
 * Puts conditional writes in front of an S3 handler that ignores them (s3rver). Requests on an
 * object key take a per-key lock: writes (PUT, POST, DELETE) one at a time, reads (GET, HEAD)
 * together, so no read sees an object half rewritten. A PutObject carrying `If-Match` or
 * `If-None-Match` is checked against the object's current ETag, read with a HEAD through the
 * same server inside the write lock, so the check and the write are one atomic step. Requests
 * go to `inner` untouched (headers, body and signature included); only a failed precondition is
 * answered by the front itself.
 */
export function createConditionalWriteFront(inner: RequestHandler, selfPort: () => number): ConditionalWriteFront {
  const lock = new KeyedReadWriteLock();
  const agent = new Agent({ keepAlive: true });

  function currentEtag(request: IncomingMessage, address: ObjectAddress): Promise<string | undefined | 'no-bucket'> {
    return new Promise((resolve, reject) => {
      const head = httpRequest(
        {
          host: '127.0.0.1',
          port: selfPort(),
          method: 'HEAD',
          path: address.rawPath,
          headers: { host: request.headers.host ?? `127.0.0.1:${selfPort()}`, [INTERNAL_HEADER]: '1' },
          agent,
        },
        (response) => {
          response.resume();
          const code = response.headers['x-amz-error-code'];
          const etag = response.headers.etag;
          if (response.statusCode === 200 && typeof etag === 'string') resolve(etag);
          else if (response.statusCode === 404 && code === 'NoSuchBucket') resolve('no-bucket');
          else if (response.statusCode === 404) resolve(undefined);
          else reject(new Error(`HEAD ${address.rawPath} answered ${response.statusCode}`));
        },
      );
      head.on('error', reject);
      head.end();
    });
  }

  function pass(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const done = new Promise<void>((resolve) => response.once('close', resolve));
    inner(request, response);
    return done;
  }

  async function handleWrite(request: IncomingMessage, response: ServerResponse, address: ObjectAddress): Promise<void> {
    const preconditions: PutPreconditions = {
      ifMatch: header(request, 'if-match'),
      ifNoneMatch: header(request, 'if-none-match'),
    };
    // DeleteObject takes `If-Match` as Amazon S3 does (412 on another ETag, 404 on no object).
    const conditionalDelete = isDeleteObject(request) && preconditions.ifMatch !== undefined;
    if ((isPutObject(request) && hasPreconditions(preconditions)) || conditionalDelete) {
      const etag = await currentEtag(request, address);
      if (etag !== 'no-bucket') {
        const verdict = evaluatePutPreconditions(conditionalDelete ? { ifMatch: preconditions.ifMatch } : preconditions, etag);
        if (verdict.kind !== 'write') {
          request.resume();
          if (verdict.kind === 'precondition-failed') {
            sendS3Error(response, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
              Condition: verdict.condition,
            });
          } else if (verdict.kind === 'no-such-key') {
            sendS3Error(response, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: address.key });
          } else {
            sendS3Error(response, 501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', {
              Header: verdict.header,
            });
          }
          return;
        }
      }
    }
    await pass(request, response);
  }

  const handler: RequestHandler = (request, response) => {
    const address = request.headers[INTERNAL_HEADER] === undefined ? objectAddress(request) : undefined;
    if (address === undefined) {
      inner(request, response);
      return;
    }
    const key = `${address.bucket}\u0000${address.key}`;
    const reading = request.method === 'GET' || request.method === 'HEAD';
    (reading ? lock.read(key, () => pass(request, response)) : lock.write(key, () => handleWrite(request, response, address)))
      .catch((error: unknown) => {
        request.resume();
        if (!response.headersSent) {
          sendS3Error(response, 500, 'InternalError', `conditional-write front: ${String(error)}`);
        } else {
          response.destroy();
        }
      });
  };

  return { handler, close: () => agent.destroy() };
}
