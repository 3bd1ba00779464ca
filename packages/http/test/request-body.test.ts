import { describe, expect, it } from '@jest/globals';
import { readJson, readText, RequestBodyError } from '../src/index.js';

const post = (body: string | ReadableStream<Uint8Array> | null, headers: Record<string, string> = { 'content-type': 'application/json' }): Request =>
  new Request('http://localhost/', { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);

async function refusal(read: Promise<unknown>): Promise<RequestBodyError> {
  const error = await read.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(RequestBodyError);
  return error as RequestBodyError;
}

describe('request bodies', () => {
  it('reads JSON sent as application/json, and an empty body as undefined', async () => {
    expect(await readJson(post('{"context":{"targetingKey":"u"}}', { 'content-type': 'application/json; charset=utf-8' }), 100)).toEqual({ context: { targetingKey: 'u' } });
    expect(await readJson(post(''), 100)).toBeUndefined();
  });

  it('refuses a body over the limit, by its declared length or as it streams, without reading the rest', async () => {
    expect(await refusal(readText(post('x'.repeat(11)), 10))).toMatchObject({ problem: 'too_large', status: 413, detail: 'at most 10 bytes' });
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulls++;
        controller.enqueue(new Uint8Array(8));
      },
    });
    expect(await refusal(readText(post(endless, {}), 20))).toMatchObject({ problem: 'too_large' });
    expect(pulls).toBeLessThan(10);
  });

  it('refuses another media type (415) and text that is not JSON (400), saying what it got', async () => {
    expect(await refusal(readJson(post('{}', { 'content-type': 'text/plain' }), 100))).toMatchObject({ problem: 'unsupported_media_type', status: 415, detail: 'got text/plain' });
    expect(await refusal(readJson(post('{"a":'), 100))).toMatchObject({ problem: 'not_json', status: 400 });
  });
});
