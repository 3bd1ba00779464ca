/** What was wrong with a request body, for the app to answer in its own error shape. */
export type RequestBodyProblem = 'too_large' | 'unsupported_media_type' | 'not_json';

/** A body refused by `readText` or `readJson`: the problem, the HTTP status it calls for, and what exactly was wrong. */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';

  constructor(
    readonly problem: RequestBodyProblem,
    /** 413, 415 or 400. */
    readonly status: number,
    /** What exactly was wrong, for a person: `at most 65536 bytes`, `got text/plain`. */
    readonly detail: string,
  ) {
    super(`request body: ${detail}`);
  }
}

/** The media type of the request's body, lowercased, without parameters ('' when none is declared). */
export function mediaTypeOf(request: Request): string {
  return mediaTypeOfValue(request.headers.get('content-type'));
}

/** Reads the body as UTF-8 text, refusing one longer than `limit` bytes without reading the rest. */
export async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A JSON body, required to be sent as `application/json` (a cross-site HTML form cannot send
 * that type without a preflight); `undefined` for an empty body, whatever its type.
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  return parseJsonBody(await readText(request, limit), mediaTypeOf(request));
}

/** The media type of a `content-type` value, lowercased, without parameters ('' when none). */
export function mediaTypeOfValue(contentType: string | undefined | null): string {
  if (contentType === undefined || contentType === null) return '';
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** `readJson`'s rules for text already read: empty is `undefined`, another media type 415, bad JSON 400. */
export function parseJsonBody(text: string, mediaType: string): unknown {
  if (text.trim() === '') return undefined;
  if (mediaType !== 'application/json') throw new RequestBodyError('unsupported_media_type', 415, `got ${mediaType || 'no content type'}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RequestBodyError('not_json', 400, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function tooLarge(limit: number): RequestBodyError {
  return new RequestBodyError('too_large', 413, `at most ${limit} bytes`);
}
