export interface CliOptions {
  /** Case-insensitive substring of a scenario id or title, or of a row's id or library. */
  readonly filter: string | undefined;
  /** Shorter warm-up and rounds, fewer flags and samples: a smoke run in well under 30 s. */
  readonly quick: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: pnpm bench [--quick] [--filter <substring>]

  --quick               short warm-up and rounds, fewer flags and samples (about 20 s)
  --filter <substring>  run the scenarios whose id or title contains it, or, within every
                        scenario, the rows whose id or library contains it (plus the baseline)
  --help                print this text`;

/** Parses the bench's arguments; throws with the usage on anything it does not know. */
export function parseCliOptions(args: readonly string[]): CliOptions {
  let filter: string | undefined;
  let quick = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--filter') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--filter needs a value\n\n${USAGE}`);
      filter = value;
    } else if (arg.startsWith('--filter=')) filter = arg.slice('--filter='.length);
    else throw new Error(`unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
  }
  if (filter !== undefined && filter.trim() === '') throw new Error(`--filter needs a non-empty value\n\n${USAGE}`);
  return { filter, quick, help };
}
