import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startS3Server, type S3Server } from '../src/index.js';

// Anonymous requests: s3rver accepts requests without a signature, which keeps these tests
// free of an S3 client.

function xmlField(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

async function put(server: S3Server, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | null; text: string }> {
  const response = await fetch(`${server.endpoint}${path}`, { method: 'PUT', body, headers });
  return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
}

async function read(server: S3Server, path: string): Promise<{ status: number; etag: string | null; text: string }> {
  const response = await fetch(`${server.endpoint}${path}`);
  return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
}

describe('with the conditional-write front', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server({ conditionalWrites: true, buckets: ['front-bucket'] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('listens on a loopback port of its own', () => {
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.conditionalWrites).toBe(true);
  });

  it('writes with a matching If-Match and refuses a stale one with 412 PreconditionFailed', async () => {
    const first = await put(server, '/front-bucket/doc', 'one');
    expect(first.status).toBe(200);
    const second = await put(server, '/front-bucket/doc', 'two', { 'if-match': first.etag! });
    expect(second.status).toBe(200);
    const stale = await put(server, '/front-bucket/doc', 'three', { 'if-match': first.etag! });
    expect(stale.status).toBe(412);
    expect(xmlField(stale.text, 'Code')).toBe('PreconditionFailed');
    expect(xmlField(stale.text, 'Condition')).toBe('If-Match');
    expect(xmlField(stale.text, 'RequestId')).toMatch(/^[0-9A-F]{16}$/);
    expect(stale.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Error>')).toBe(true);
    expect((await read(server, '/front-bucket/doc')).text).toBe('two');
  });

  it('answers If-Match on a missing key with 404 NoSuchKey and writes nothing', async () => {
    const missing = await put(server, '/front-bucket/never', 'x', { 'if-match': '"abc"' });
    expect(missing.status).toBe(404);
    expect(xmlField(missing.text, 'Code')).toBe('NoSuchKey');
    expect((await read(server, '/front-bucket/never')).status).toBe(404);
  });

  it('creates with If-None-Match: * only when the key is free', async () => {
    expect((await put(server, '/front-bucket/fresh', 'first', { 'if-none-match': '*' })).status).toBe(200);
    const again = await put(server, '/front-bucket/fresh', 'second', { 'if-none-match': '*' });
    expect(again.status).toBe(412);
    expect(xmlField(again.text, 'Condition')).toBe('If-None-Match');
    expect((await read(server, '/front-bucket/fresh')).text).toBe('first');
  });

  it('deletes with a matching If-Match only: 412 on another ETag, 404 NoSuchKey on no object', async () => {
    const stored = await put(server, '/front-bucket/gone', 'one');
    const stale = await fetch(`${server.endpoint}/front-bucket/gone`, { method: 'DELETE', headers: { 'if-match': '"0000"' } });
    expect(stale.status).toBe(412);
    expect((await read(server, '/front-bucket/gone')).text).toBe('one');
    const matching = await fetch(`${server.endpoint}/front-bucket/gone`, { method: 'DELETE', headers: { 'if-match': stored.etag! } });
    expect(matching.status).toBe(204);
    expect((await read(server, '/front-bucket/gone')).status).toBe(404);
    const missing = await fetch(`${server.endpoint}/front-bucket/gone`, { method: 'DELETE', headers: { 'if-match': stored.etag! } });
    expect(missing.status).toBe(404);
  });

  it('refuses If-None-Match with anything but *', async () => {
    const response = await put(server, '/front-bucket/etagged', 'x', { 'if-none-match': '"abc"' });
    expect(response.status).toBe(501);
    expect(xmlField(response.text, 'Code')).toBe('NotImplemented');
  });

  it('lets exactly one of many racing writers with the same If-Match through', async () => {
    const base = await put(server, '/front-bucket/raced', 'base');
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => put(server, '/front-bucket/raced', `writer ${i}`, { 'if-match': base.etag! })),
    );
    expect(statuses.filter((response) => response.status === 200).length).toBe(1);
    expect(statuses.filter((response) => response.status === 412).length).toBe(15);
    const winner = statuses.findIndex((response) => response.status === 200);
    expect((await read(server, '/front-bucket/raced')).text).toBe(`writer ${winner}`);
  });

  it('lets exactly one of many racing creators with If-None-Match: * through', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => put(server, '/front-bucket/created-once', `creator ${i}`, { 'if-none-match': '*' })),
    );
    expect(statuses.filter((response) => response.status === 200).length).toBe(1);
  });

  it('never shows a reader half an object while it is rewritten', async () => {
    const big = (n: number): string => String(n).repeat(200_000);
    await put(server, '/front-bucket/big', big(0));
    const writes = Array.from({ length: 6 }, (_, i) => put(server, '/front-bucket/big', big(i + 1)));
    const reads = Array.from({ length: 12 }, () => read(server, '/front-bucket/big'));
    await Promise.all(writes);
    for (const response of await Promise.all(reads)) {
      expect(response.status).toBe(200);
      expect(response.text.length).toBe(200_000);
      expect(new Set(response.text).size).toBe(1);
    }
  });
});

describe('plain s3rver', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server({ buckets: ['plain-bucket'] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('ignores If-Match on PutObject: the stale write goes through', async () => {
    const first = await put(server, '/plain-bucket/doc', 'one');
    await put(server, '/plain-bucket/doc', 'two');
    expect((await put(server, '/plain-bucket/doc', 'three', { 'if-match': first.etag! })).status).toBe(200);
    expect((await read(server, '/plain-bucket/doc')).text).toBe('three');
  });

  it('pages ListObjectsV2 with continuation tokens (DES under the legacy OpenSSL provider)', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    for (const key of keys) await put(server, `/plain-bucket/${key}`, key);
    const listed: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ 'list-type': '2', prefix: 'page-', 'max-keys': '10' });
      if (token !== undefined) query.set('continuation-token', token);
      const page = await read(server, `/plain-bucket?${query}`);
      expect(page.status).toBe(200);
      listed.push(...[...page.text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]!));
      token = xmlField(page.text, 'NextContinuationToken');
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(listed).toEqual(keys);
  });

  it('reads back an object right after writing it, however large', async () => {
    for (let i = 0; i < 5; i++) {
      const body = String(i).repeat(500_000);
      expect((await put(server, '/plain-bucket/large', body)).status).toBe(200);
      expect((await read(server, '/plain-bucket/large')).text.length).toBe(body.length);
    }
  });
});

describe('lifecycle', () => {
  it('stops: the port closes', async () => {
    const server = await startS3Server();
    await server.createBucket('lifecycle-bucket');
    await server.stop();
    await expect(fetch(`${server.endpoint}/lifecycle-bucket`)).rejects.toThrow();
    await server.stop();
  });

  it('dies on kill, as a crash would', async () => {
    const server = await startS3Server({ conditionalWrites: true });
    await server.kill();
    await expect(fetch(`${server.endpoint}/`)).rejects.toThrow();
  });

  it('refuses a bucket name S3 does not allow', async () => {
    const server = await startS3Server();
    try {
      await expect(server.createBucket('x')).rejects.toThrow(/InvalidBucketName/);
    } finally {
      await server.stop();
    }
  });
});
