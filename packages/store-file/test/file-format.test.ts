import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { FileFeatureFlagStore, FileFormatError, formatFlagFile, parseFlagFile } from '../src/index.js';
import { flagFileText, tempFolder } from './support/flag-files.js';

const folder = tempFolder('flipper-file-format-');
afterAll(() => folder.remove());

describe('the file', () => {
  it('holds one flag per line, in code point order, whatever order they were written in', async () => {
    const path = folder.file('order.json');
    const store = new FileFeatureFlagStore(path, { watch: false });
    for (const name of ['b', 'A', 'a', 'Z', 'é']) await store.create(name);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('{');
    expect(lines.slice(1, 6).map((line) => JSON.parse(`{${line.replace(/,$/, '')}}`) as Record<string, unknown>).map((member) => Object.keys(member)[0])).toEqual(['A', 'Z', 'a', 'b', 'é']);
    expect(lines.slice(6)).toEqual(['}', '']);
  });

  it("never changes another flag's bytes: a flag formatted by hand stays formatted", async () => {
    const path = folder.file('by-hand.json');
    const byHand = [
      '{',
      '"HAND": {',
      '  "feature_name": "HAND",',
      '  "is_enabled": true,',
      '  "meta": {"client_data": {}, "created_date": 1764743400, "conditions": [], "bucketer": {"type": "NoOpBucketer"}}',
      '},',
      flagFileText({ OTHER: false }).split('\n')[1]!,
      '}',
      '',
    ].join('\n');
    writeFileSync(path, byHand);
    const store = new FileFeatureFlagStore(path, { watch: false });
    expect((await store.get('HAND'))?.enabled).toBe(true);
    await store.set('OTHER', true);
    const after = readFileSync(path, 'utf8');
    expect(after).toContain(byHand.split('\n').slice(1, 6).join('\n'));
    expect((await store.get('OTHER'))?.enabled).toBe(true);
  });

  it('reads and writes through parseFlagFile and formatFlagFile, as the store does', async () => {
    const text = flagFileText({ ONE: true, TWO: false });
    const documents = parseFlagFile(text);
    expect([...documents.keys()]).toEqual(['ONE', 'TWO']);
    expect(JSON.parse(documents.get('ONE')!)).toMatchObject({ feature_name: 'ONE', is_enabled: true });
    expect(formatFlagFile(new Map([...documents].reverse()))).toBe(text);
    expect(formatFlagFile(new Map())).toBe('{}\n');
    expect(parseFlagFile('')).toEqual(new Map());
  });

  it.each([
    ['[]', 'expected a JSON object of flag documents, one member per flag'],
    ['{"A": 1', 'not valid JSON'],
    ['{"A": {}, "A": {}}', 'the flag "A" is in the file twice'],
  ])('refuses %j with a FileFormatError', (text, message) => {
    expect(() => parseFlagFile(text)).toThrow(FileFormatError);
    expect(() => parseFlagFile(text)).toThrow(message);
  });
});
