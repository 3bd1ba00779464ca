/**
 * How a request path becomes a key.
 *
 * Consul's HTTP server is Go's: the router first cleans the still-escaped path (Go 1.22+
 * `ServeMux`) and answers 301 to the cleaned path when it differs — so a literal `a/../b` or
 * `a//b` never reaches the KV handler — and the handler then takes the percent-decoded path
 * after `/v1/kv/` as the key, byte for byte. Nothing else is normalised: `%2F` becomes a `/`
 * inside the key, `%2E%2E` becomes `..`, `+` stays a plus sign. We do the same, and decode
 * the bytes as UTF-8 (invalid sequences become U+FFFD, as Go's JSON encoder would render them).
 */

/** Go's `net/http` `cleanPath`: `path.Clean` that keeps a trailing slash. */
export function cleanPath(path: string): string {
  if (path === '') return '/';
  const rooted = path.startsWith('/') ? path : `/${path}`;
  const out: string[] = [];
  for (const segment of rooted.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  let cleaned = `/${out.join('/')}`;
  if (path.endsWith('/') && cleaned !== '/') cleaned += '/';
  return cleaned;
}

/** Percent-decodes a path; undefined for a malformed escape (Go answers 400 then). */
export function decodePath(escaped: string): string | undefined {
  const bytes: number[] = [];
  const chars = [...escaped];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '%') {
      const hex = `${chars[i + 1] ?? ''}${chars[i + 2] ?? ''}`;
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Byte order of the UTF-8 form, the order Consul's radix tree lists keys in. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
