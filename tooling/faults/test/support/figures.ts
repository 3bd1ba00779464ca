/**
 * Prints measured figures (latencies, counts) when `FAULTS_FIGURES=1`, so that the numbers in the
 * README can be reproduced; silent otherwise.
 */
export function reportFigures(label: string, figures: unknown): void {
  if (process.env['FAULTS_FIGURES'] === '1') process.stderr.write(`figures: ${label}: ${JSON.stringify(figures)}\n`);
}
