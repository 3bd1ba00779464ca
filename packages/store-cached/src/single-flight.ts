import type { FeatureFlagStoreItem } from '@flipper-client/core/store';

type Read = FeatureFlagStoreItem | undefined;

/** A read of one flag in progress, shared by every caller that asks for the flag meanwhile. */
export interface Flight {
  readonly featureName: string;
  /** The value read; rejects when the inner store failed. */
  readonly result: Promise<Read>;
  /** The flag changed after the read in progress was sent: read again before settling. */
  changed: boolean;
  /** Announce the flag on the change feed once the value is applied. */
  announce: boolean;
  /** The callers' view of `result` (with stale-if-error), made once so a failure is reported once. */
  served: Promise<Read> | undefined;
}

export interface SingleFlightHooks {
  read(featureName: string): Promise<Read>;
  /** The flight's value; `current` is false when the flag kept changing past the last re-read. */
  settle(flight: Flight, item: Read, current: boolean): void;
  /** The flight's read failed; called once, whoever waits on it. */
  fail(flight: Flight, error: unknown): void;
}

/** Re-reads allowed to one flight while its flag keeps changing. */
const MAX_READS = 5;

/**
 * At most one inner read per flag at a time. A change heard while a read is in flight marks it,
 * and the flight reads again instead of settling on a value older than the change: this is what
 * keeps a read that raced a write from putting the value before the write back into the cache.
 */
export class SingleFlight {
  private readonly flights = new Map<string, Flight>();

  constructor(private readonly hooks: SingleFlightHooks) {}

  join(featureName: string): Flight {
    const running = this.flights.get(featureName);
    if (running !== undefined) return running;
    const flight = { featureName, changed: false, announce: false, served: undefined } as Flight & { result: Promise<Read> };
    this.flights.set(featureName, flight);
    flight.result = this.run(flight);
    // Waiters attach their own handlers; the failure itself is handled through `fail`.
    flight.result.catch(() => undefined);
    return flight;
  }

  markChanged(featureName: string): void {
    const flight = this.flights.get(featureName);
    if (flight !== undefined) flight.changed = true;
  }

  markAllChanged(): void {
    for (const flight of this.flights.values()) flight.changed = true;
  }

  /** Forgets the flights in progress; they still settle, but new callers start afresh. */
  clear(): void {
    this.flights.clear();
  }

  private async run(flight: Flight): Promise<Read> {
    let item: Read;
    try {
      let reads = 0;
      do {
        flight.changed = false;
        item = await this.hooks.read(flight.featureName);
        reads++;
      } while (flight.changed && reads < MAX_READS);
    } catch (error) {
      this.release(flight);
      this.hooks.fail(flight, error);
      throw error;
    }
    // Released before settling, so that a settle which needs another read starts a new flight.
    this.release(flight);
    this.hooks.settle(flight, item, !flight.changed);
    return item;
  }

  private release(flight: Flight): void {
    if (this.flights.get(flight.featureName) === flight) this.flights.delete(flight.featureName);
  }
}
