import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDynamicCode } from '../src/index.js';

/**
 * Flag documents and checks come from outside (a shared store, a Python service): nothing in a
 * package may turn text into code. Every source file of every package is scanned, the generated
 * Thrift code included (it is clean, so it is not exempted).
 */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PACKAGES = join(REPO, 'packages');

describe('no eval, Function constructor or vm in packages/*/src', () => {
  it('finds none, in every source file of every package, generated code included', () => {
    const roots = readdirSync(PACKAGES).map((name) => join(PACKAGES, name, 'src'));
    const { files, findings } = findDynamicCode(roots, REPO);
    expect(findings).toEqual([]);
    expect(roots.length).toBeGreaterThanOrEqual(8);
    expect(files.length).toBeGreaterThan(100);
    expect(files).toEqual(expect.arrayContaining(['packages/store-thrift/src/generated/FeatureFlagStore.js', 'packages/store-thrift/src/generated/feature_flag_store_types.js']));
  });
});
