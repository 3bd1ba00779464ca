import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { StoreChangeListener } from '@flipper-client/core/store';
import { startAdmin, WRITE_TOKEN, type RunningAdmin } from './support/admin-server.js';

/** The memory store, counting who listens to its change feed. */
class CountingStore extends MemoryFeatureFlagStore {
  watching = 0;

  override watch(listener: StoreChangeListener): () => void {
    this.watching++;
    const stop = super.watch(listener);
    return () => {
      this.watching--;
      stop();
    };
  }
}

let store: CountingStore;
let admin: RunningAdmin;

beforeAll(async () => {
  store = new CountingStore();
  admin = await startAdmin({ store });
  await admin.client.create('WATCHED');
});
afterAll(async () => admin.stop());

/** Reads an event stream until `until` has seen what it wants or `timeoutMs` passes. */
async function readEvents(response: Response, until: (text: string) => boolean, timeoutMs: number): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(text) && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), deadline - Date.now())));
    const chunk = await Promise.race([reader.read(), timeout]);
    clearTimeout(timer);
    if (chunk === undefined || chunk.done) break;
    text += decoder.decode(chunk.value);
  }
  await reader.cancel();
  return text;
}

describe('server-sent events', () => {
  it('tell an open page of a change within a second, and stop watching the store when it goes away', async () => {
    expect(store.watching).toBe(0);
    const controller = new AbortController();
    const response = await fetch(`${admin.base}/events`, { headers: { authorization: `Bearer ${WRITE_TOKEN}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const started = Date.now();
    const changed = readEvents(response, (text) => text.includes('event: change'), 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.watching).toBe(1);
    await admin.client.enable('WATCHED');
    const text = await changed;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(text).toContain('event: hello\ndata: {"live":true}');
    expect(text).toContain('event: change\ndata: {"kind":"flag","featureName":"WATCHED"}');
    controller.abort();
    for (let i = 0; i < 50 && store.watching > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.watching).toBe(0);
  });

  it('are refused without authorization', async () => {
    const response = await fetch(`${admin.base}/events`);
    expect(response.status).toBe(401);
  });
});
