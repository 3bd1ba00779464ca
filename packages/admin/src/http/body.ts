import { AdminError, invalidBody } from '../errors.js';

/** Reads the body as text, refusing one longer than `limit` bytes without reading the rest. */
export async function readText(request: Request, limit: number, featureName?: string): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = (): AdminError =>
    new AdminError(413, 'BODY_TOO_LARGE', 'The request body is too large', featureName, `at most ${limit} bytes`);
  if (declared > limit) throw tooLarge();
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
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A JSON body, required to be sent as `application/json`: a cross-site HTML form cannot send
 * that type without a preflight, which this app never answers.
 */
export async function readJson(request: Request, limit: number, featureName?: string): Promise<unknown> {
  const text = await readText(request, limit, featureName);
  if (text.trim() === '') return undefined;
  if (mediaType(request) !== 'application/json') {
    throw new AdminError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', featureName, `got ${mediaType(request) || 'no content type'}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidBody(featureName, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A urlencoded form body, from the app's own pages. */
export async function readForm(request: Request, limit: number, featureName?: string): Promise<URLSearchParams> {
  const text = await readText(request, limit, featureName);
  const type = mediaType(request);
  if (text !== '' && type !== 'application/x-www-form-urlencoded') {
    throw new AdminError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded', featureName, `got ${type || 'no content type'}`);
  }
  return new URLSearchParams(text);
}
