/** Where held calls wait: `reached` resolves when one got there, `release()` lets them all go on. */
export class Gate {
  readonly reached: Promise<void>;
  private readonly released: Promise<void>;
  private arrive!: () => void;
  private open!: () => void;

  constructor() {
    this.reached = new Promise((resolve) => (this.arrive = resolve));
    this.released = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  /** Called by the held call. */
  async pass(): Promise<void> {
    this.arrive();
    await this.released;
  }
}
