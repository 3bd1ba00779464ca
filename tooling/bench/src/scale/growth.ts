/**
 * "growth 100k / 1k: ×N" for the row of the largest size: how a cost grows with the store, so that
 * a row that grows linearly where it should not stands out. Nothing before the largest size.
 */
export function growthNote(mediansBySize: ReadonlyMap<number, number>, smallest: number, size: number): string | undefined {
  const first = mediansBySize.get(smallest);
  const current = mediansBySize.get(size);
  if (size === smallest || first === undefined || current === undefined || !(first > 0)) return undefined;
  const ratio = current / first;
  return `growth ${label(size)} / ${label(smallest)}: ×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)} (median ms)`;
}

function label(size: number): string {
  return size >= 1000 ? `${size / 1000}k` : String(size);
}
