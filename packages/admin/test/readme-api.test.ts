import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearerTokens } from '../src/index.js';
import { startAdmin, type RunningAdmin } from './support/admin-server.js';
import { readme } from './support/readme-snippets.js';

/*
 * The README's curl session against the JSON API, run request by request as written (with
 * TOKEN one of the app's write tokens), each answer compared with the one printed under it.
 */
const TOKEN = 'readme-api-token-0123456789';
const README_ORIGIN = 'https://app.example.com';

interface Request {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly expected: string;
}

/** The words of a command line: '…' literal, "…" with $TOKEN expanded, as the shell does here. */
function words(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) found.push(match[1] ?? (match[2] ?? match[3]!).replaceAll('$TOKEN', TOKEN));
  return found;
}

function curlRequests(text: string): Request[] {
  const section = text.slice(text.indexOf('\n## JSON API\n'), text.indexOf('\n## Web UI\n'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const requests: Request[] = [];
  for (const chunk of block.replace(/\\\n\s*/g, '').split(/\n(?=curl )/)) {
    const [command, ...comments] = chunk.trim().split('\n');
    const args = words(command!);
    const headers: Record<string, string> = {};
    let method: string | undefined;
    let body: string | undefined;
    let url = '';
    for (let i = 1; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-H') {
        const [name, ...value] = args[++i]!.split(':');
        headers[name!.toLowerCase()] = value.join(':').trim();
      } else if (arg === '-X') method = args[++i]!;
      else if (arg === '-d') body = args[++i]!;
      else url = arg;
    }
    const expected = comments.map((line) => line.replace(/^#\s?/, '').trim()).join('');
    requests.push({ method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, ...(body === undefined ? {} : { body }), expected });
  }
  return requests;
}

const requests = curlRequests(readme('README.md'));
let admin: RunningAdmin;
beforeAll(async () => {
  const tokens = bearerTokens({ write: [TOKEN] });
  admin = await startAdmin({ admin: { authorize: tokens } });
});
afterAll(async () => admin.stop());

describe("the README's curl session", () => {
  it('has requests to create, add and replace conditions, set the bucketer, enable and evaluate', () => {
    expect(requests.map(({ method, url }) => `${method} ${url.replace(README_ORIGIN, '')}`)).toEqual([
      'POST /flags/api/flags',
      'POST /flags/api/flags/NEW_CHECKOUT/conditions',
      'PUT /flags/api/flags/NEW_CHECKOUT/conditions',
      'PUT /flags/api/flags/NEW_CHECKOUT/bucketer',
      'POST /flags/api/flags/NEW_CHECKOUT/enable',
      'POST /flags/api/flags/NEW_CHECKOUT/evaluate',
      'POST /flags/api/flags/NEW_CHECKOUT/evaluate',
    ]);
  });

  it('answers what the README prints, in order', async () => {
    for (const { method, url, headers, body, expected } of requests) {
      const response = await fetch(url.replace(README_ORIGIN, admin.origin), { method, headers, ...(body === undefined ? {} : { body }) });
      const text = (await response.text()).replace(/"created_date":\d+/, '"created_date":<time>');
      expect({ request: `${method} ${url}`, status: response.status < 300, text }).toEqual({ request: `${method} ${url}`, status: true, text: expected });
    }
  });
});
