import { describe, expect, it } from '@jest/globals';
import { ensureRedisServer } from '../src/index.js';

describe('ensureRedisServer', () => {
  it('says how to install Redis when it is missing and apt-get cannot run', () => {
    const path = process.env['PATH'];
    // Neither redis-server nor apt-get can be found on this PATH: the install attempt fails.
    process.env['PATH'] = '/nonexistent';
    try {
      expect(() => ensureRedisServer()).toThrow(
        /redis-server, redis-cli \(for the tests that start Redis\) is not installed[\s\S]*Install it with: apt-get update && apt-get install -y redis-server redis-tools/,
      );
    } finally {
      process.env['PATH'] = path;
    }
  });
});
