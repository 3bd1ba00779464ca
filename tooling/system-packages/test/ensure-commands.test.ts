import { describe, expect, it } from '@jest/globals';
import { ensureCommands, hasCommand, MissingSystemPackageError } from '../src/index.js';

const absent = { purpose: 'this test', commands: ['flipper-no-such-command'], debianPackages: ['flipper-no-such-package'] };

function withPath<T>(path: string, run: () => T): T {
  const saved = process.env['PATH'];
  process.env['PATH'] = path;
  try {
    return run();
  } finally {
    process.env['PATH'] = saved;
  }
}

describe('ensureCommands', () => {
  it('returns at once when every command is there', () => {
    expect(hasCommand('node')).toBe(true);
    expect(ensureCommands({ purpose: 'this test', commands: ['node'], debianPackages: ['nodejs'] })).toBeUndefined();
  });

  it('names the packages to install when apt-get cannot be run', () => {
    // Neither the command nor apt-get can be found on this PATH.
    const error = withPath('/nonexistent', () => {
      try {
        ensureCommands(absent);
      } catch (caught) {
        return caught;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(MissingSystemPackageError);
    const message = (error as Error).message;
    expect(message).toContain('flipper-no-such-command (for this test) is not installed');
    expect(message).toContain('Install it with: apt-get update && apt-get install -y flipper-no-such-package');
  });
});
