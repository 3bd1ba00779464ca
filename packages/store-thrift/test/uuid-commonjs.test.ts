import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/*
 * The CommonJS `uuid` stand-in that the workspace's Jest configs map `uuid` to (see
 * tooling/config/jest.base.js) must agree with the real `uuid` (the one thrift depends on, loaded
 * here by its file path, past this config's mapping).
 */
interface UuidFunctions {
  parse(text: string): Uint8Array;
  stringify(bytes: Uint8Array): string;
}

const require = createRequire(import.meta.url);
const standIn = require('../../../tooling/config/jest-uuid-commonjs.cjs') as UuidFunctions;
const realUuidPath = createRequire(require.resolve('thrift')).resolve('uuid');

describe('the uuid stand-in', () => {
  it('parses and prints as the real uuid does', async () => {
    const real = (await import(pathToFileURL(realUuidPath).href)) as UuidFunctions;
    for (let i = 0; i < 50; i += 1) {
      const text = randomUUID();
      expect(Array.from(standIn.parse(text))).toEqual(Array.from(real.parse(text)));
      const bytes = new Uint8Array(randomBytes(16));
      expect(standIn.stringify(bytes)).toBe(real.stringify(bytes));
    }
    expect(standIn.parse('00000000-0000-0000-0000-000000000000')).toEqual(new Uint8Array(16));
  });

  it('refuses text that is not a UUID, as the real one does', async () => {
    const real = (await import(pathToFileURL(realUuidPath).href)) as UuidFunctions;
    for (const text of ['', 'not-a-uuid', '6ba7b8109dad11d180b400c04fd430c8', '6ba7b810-9dad-11d1-80b4-00c04fd430c8-00']) {
      expect(() => real.parse(text)).toThrow(TypeError);
      expect(() => standIn.parse(text)).toThrow(TypeError);
    }
  });
});
