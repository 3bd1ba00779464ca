import { mediaTypeOf, readJson as readJsonBody, readText, RequestBodyError } from '@flipper-client/http';
import { AdminError, invalidBody } from '../errors.js';

/** The shared reader's refusal as the admin app's error, naming the flag the request addressed. */
function asAdminError(error: unknown, featureName: string | undefined): unknown {
  if (!(error instanceof RequestBodyError)) return error;
  if (error.problem === 'too_large') return new AdminError(413, 'BODY_TOO_LARGE', 'The request body is too large', featureName, error.detail);
  if (error.problem === 'unsupported_media_type') {
    return new AdminError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', featureName, error.detail);
  }
  return invalidBody(featureName, error.detail);
}

/**
 * A JSON body, required to be sent as `application/json`: a cross-site HTML form cannot send
 * that type without a preflight, which this app never answers.
 */
export async function readJson(request: Request, limit: number, featureName?: string): Promise<unknown> {
  try {
    return await readJsonBody(request, limit);
  } catch (error) {
    throw asAdminError(error, featureName);
  }
}

/** A urlencoded form body, from the app's own pages. */
export async function readForm(request: Request, limit: number, featureName?: string): Promise<URLSearchParams> {
  const text = await readText(request, limit).catch((error: unknown) => {
    throw asAdminError(error, featureName);
  });
  const type = mediaTypeOf(request);
  if (text !== '' && type !== 'application/x-www-form-urlencoded') {
    throw new AdminError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded', featureName, `got ${type || 'no content type'}`);
  }
  return new URLSearchParams(text);
}
