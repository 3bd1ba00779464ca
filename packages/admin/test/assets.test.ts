import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { ASSET_TEXT } from '../src/http/asset-text.js';
import { assetResponse } from '../src/http/assets.js';

const assetsDir = new URL('../assets/', import.meta.url);

describe('the pages’ assets', () => {
  it('are embedded as they are in assets/ (run `pnpm --filter @flipper-client/admin embed-assets` after editing them)', () => {
    const files = Object.fromEntries(
      readdirSync(assetsDir).sort().map((name) => [name, readFileSync(new URL(name, assetsDir), 'utf8')]),
    );
    expect(ASSET_TEXT).toEqual(files);
  });

  it('are served with their content type, and nothing else is', async () => {
    const script = assetResponse('admin.js');
    expect(script?.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script?.text()).toBe(readFileSync(new URL('admin.js', assetsDir), 'utf8'));
    expect(assetResponse('../package.json')).toBeUndefined();
    expect(assetResponse('toString')).toBeUndefined();
  });
});
