/** Where a command writes: data (and `--json`) on stdout; errors, warnings and progress on stderr. */
export interface Output {
  readonly json: boolean;
  /** stderr is a terminal (the progress bar is shown only then). */
  readonly interactive: boolean;
  readonly progress: boolean;
  line(text?: string): void;
  lines(texts: readonly string[]): void;
  /** One JSON value on stdout. */
  value(value: unknown): void;
  /** Raw text on stdout (export, pre-encoded documents). */
  write(text: string): void;
  warn(text: string): void;
  /** The stream the progress bar draws on. */
  readonly progressStream: NodeJS.WriteStream;
}

export function processOutput(options: { json: boolean; progress: boolean }): Output {
  const out = process.stdout;
  const err = process.stderr;
  return {
    json: options.json,
    interactive: err.isTTY === true,
    progress: options.progress,
    line: (text = '') => void out.write(`${text}\n`),
    lines: (texts) => void (texts.length > 0 && out.write(`${texts.join('\n')}\n`)),
    value: (value) => void out.write(`${JSON.stringify(value)}\n`),
    write: (text) => void out.write(text),
    warn: (text) => void err.write(`${text.startsWith('flipper: ') ? text : `flipper: ${text}`}\n`),
    progressStream: err,
  };
}
