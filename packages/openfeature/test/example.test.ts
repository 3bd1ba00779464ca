import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ErrorCode, StandardResolutionReasons } from '@openfeature/server-sdk';
import { quickStart } from '../examples/quick-start.js';
import { resetOpenFeatureAfterEach } from './support/harness.js';

const { DISABLED, ERROR, SPLIT, TARGETING_MATCH } = StandardResolutionReasons;

resetOpenFeatureAfterEach();

describe('the README example', () => {
  it('is the example file, word for word', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/quick-start.ts', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('gives the answers its comments state', async () => {
    const { beta, one, two, off, missing, changed } = await quickStart();

    expect(beta).toMatchObject({ value: true, reason: TARGETING_MATCH, flagMetadata: { owner: 'payments' } });
    // The seed README's consistent-hash example: at 50% by user_id, user 1 is in and user 2 is out.
    expect(one).toMatchObject({ value: true, reason: SPLIT });
    expect(two).toMatchObject({ value: false, reason: SPLIT });
    expect(off).toMatchObject({ value: false, reason: DISABLED });
    expect(missing).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.FLAG_NOT_FOUND });
    expect(changed).toEqual(['NEW_CHECKOUT']);
  });
});
