/** Collects demo steps and prints them as an aligned three-column table. */
export class StepTable {
  private readonly rows: [string, string, string][] = [];

  add(scenario: string, call: string, result: unknown): void {
    this.rows.push([scenario, call, typeof result === 'string' ? result : JSON.stringify(result)]);
  }

  render(): string {
    const header: [string, string, string] = ['scenario', 'call', 'returned'];
    const all = [header, ...this.rows];
    const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
    const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ').trimEnd();
    const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
    return [line(header), rule, ...this.rows.map(line)].join('\n');
  }
}
