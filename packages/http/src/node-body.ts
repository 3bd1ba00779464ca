import type { IncomingMessage } from 'node:http';
import { mediaTypeOfValue, parseJsonBody, tooLarge } from './request-body.js';

/** A request as Express leaves it: `originalUrl` under a mount, `body` once a body parser ran. */
export interface MountedRequest extends IncomingMessage {
  originalUrl?: string;
  body?: unknown;
}

/**
 * The body a host's body parser (express.json(), express.urlencoded()) already consumed,
 * encoded again in the type the request declared; undefined when the stream is still unread.
 */
export function preparsedBody(req: MountedRequest): string | Buffer | undefined {
  if (!req.readableEnded || req.body === undefined) return undefined;
  const body = req.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded') && typeof body === 'object' && body !== null) {
    return new URLSearchParams(Object.entries(body as Record<string, unknown>).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((item): [string, string] => [key, String(item)]),
    )).toString();
  }
  return JSON.stringify(body);
}

/**
 * `readText` for a node:http request, without a Web Request in between: the body as UTF-8,
 * refused (413) past `limit` bytes by its declared length or as it arrives. A refused body is
 * left unread; node:http discards the rest once the answer is sent.
 */
export function readNodeText(req: MountedRequest, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.reject(tooLarge(limit));
  const parsed = preparsedBody(req);
  if (parsed !== undefined) return Buffer.byteLength(parsed) > limit ? Promise.reject(tooLarge(limit)) : Promise.resolve(parsed.toString());
  if (req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** `readJson` for a node:http request: the same rules (application/json only, empty is undefined). */
export async function readNodeJson(req: MountedRequest, limit: number): Promise<unknown> {
  const text = await readNodeText(req, limit);
  return parseJsonBody(text, mediaTypeOfValue(req.headers['content-type']));
}
