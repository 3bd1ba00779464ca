/** Above this many flags, copy, import and export draw a progress bar (on a terminal only). */
export const PROGRESS_THRESHOLD = 300;

const REDRAW_MS = 100;
const BAR_WIDTH = 30;

export interface Progress {
  /** `count` more items are done. */
  advance(count?: number): void;
  /** Clears the bar; the command's own report follows. */
  finish(): void;
}

const SILENT: Progress = { advance: () => undefined, finish: () => undefined };

/**
 * One line on stderr, redrawn at most every 100 ms: `label [#####.....] 412/1000 41% 2,310/s`.
 * Shown only when stderr is a terminal and the work is large enough to wait for; otherwise a
 * no-op, so logs and pipes never receive carriage returns.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  options: { label: string; total: number | undefined; enabled: boolean },
): Progress {
  const { total } = options;
  if (!options.enabled || stream.isTTY !== true || (total !== undefined && total <= PROGRESS_THRESHOLD)) return SILENT;
  const started = Date.now();
  let done = 0;
  let drawnAt = 0;
  let drawn = false;
  const draw = (): void => {
    drawnAt = Date.now();
    drawn = true;
    const seconds = Math.max((drawnAt - started) / 1000, 0.001);
    const rate = `${Math.round(done / seconds).toLocaleString('en-US')}/s`;
    if (total === undefined) {
      stream.write(`\r\x1b[2K${options.label} ${done.toLocaleString('en-US')} flags ${rate}`);
      return;
    }
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * BAR_WIDTH);
    stream.write(`\r\x1b[2K${options.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${Math.floor(share * 100)}% ${rate}`);
  };
  // A count of unknown length appears once it is long enough to wait for.
  const visible = (): boolean => total !== undefined || done > PROGRESS_THRESHOLD;
  if (visible()) draw();
  return {
    advance(count = 1) {
      done += count;
      if (visible() && (Date.now() - drawnAt >= REDRAW_MS || (total !== undefined && done >= total))) draw();
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
