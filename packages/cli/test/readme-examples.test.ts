import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { flipper } from './support/run-flipper.js';
import { tempDirectory } from './support/temp-dir.js';

/** Splits a command line as a POSIX shell would for these examples: words, '…' and "…" quoting. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === "'" || char === '"') {
      const end = line.indexOf(char, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else word = (word ?? '') + char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface Example {
  readonly args: string[];
  readonly expected: string;
}

/** The `$ …flipper …` lines of the ```console blocks of a README section, with the output shown under each. */
function examplesOf(file: string, section: string): Example[] {
  const text = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
  const start = text.indexOf(`\n${section}\n`);
  const end = text.indexOf('\n## ', start + section.length + 2);
  const examples: Example[] = [];
  for (const block of text.slice(start, end === -1 ? undefined : end).matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const chunk of block[1]!.split(/^\$ /m).slice(1)) {
      const [command, ...output] = chunk.split('\n');
      const words = shellWords(command!);
      const at = words.indexOf('flipper');
      examples.push({ args: words.slice(at + 1), expected: output.join('\n') });
    }
  }
  return examples;
}

/** Dates and times differ from run to run; everything else must be as printed. */
const normalize = (text: string): string => text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/g, '<time>').replace(/"created_date": \d+/g, '"created_date": <time>');

describe.each([
  ['../../../README.md', '## Command line'],
  ['../README.md', '## Commands'],
])('the examples of %s, %s, work as written', (file, section) => {
  const examples = examplesOf(file, section);
  const directory = tempDirectory('readme');

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  it('prints what the README shows, in order, from a fresh directory', async () => {
    for (const example of examples) {
      const run = await flipper(example.args, { cwd: directory });
      expect({ command: example.args.join(' '), output: normalize(run.stdout + run.stderr) }).toEqual({ command: example.args.join(' '), output: normalize(example.expected) });
    }
  });
});
