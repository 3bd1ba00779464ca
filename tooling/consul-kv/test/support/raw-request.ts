import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty. */
  json: unknown;
  index: number | undefined;
}

/**
 * One HTTP request with the path sent exactly as given: `fetch` would resolve `..` segments
 * and re-encode characters, which is what some of these tests must avoid.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          const isJson = (res.headers['content-type'] ?? '').startsWith('application/json');
          const header = res.headers['x-consul-index'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text,
            json: isJson && text !== '' ? JSON.parse(text) : undefined,
            index: typeof header === 'string' ? Number(header) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
