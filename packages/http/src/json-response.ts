/**
 * A JSON response: `content-type: application/json; charset=utf-8`, `x-content-type-options:
 * nosniff`, and `cache-control: no-store` unless `headers` says otherwise. A 204 or 304 has no body.
 */
export function jsonResponse(status: number, body: unknown, init: { headers?: Headers } = {}): Response {
  const headers = init.headers ?? new Headers();
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('x-content-type-options', 'nosniff');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(status === 204 || status === 304 ? null : JSON.stringify(body), { status, headers });
}
