import { UpdateConflictError, type ResolvedHistoryRetention, type WriteContext } from '@flipper-client/core/store';
import type { FlagObjects } from './flag-objects.js';
import { encodeEntryBody, isPending, type EntryBody, type EntryObject } from './history-layout.js';
import type { HistoryObjects, StoredText } from './history-objects.js';

/** What a write makes of the flag's stored text (`undefined`: none stored). */
export type WriteDecision<T> = { readonly text: string | null; readonly value: T } | { readonly unchanged: T };

/**
 * The write protocol of an S3 store with history. S3 writes one object at a time, so the
 * change and its entry are two requests; conditional writes make them one logical step:
 *
 * 1. Read the flag (text and ETag) and its newest entry. If that entry is pending (the flag
 *    still holds its `before`), complete it first: write its `after` to the flag with
 *    `If-Match` on the ETag read, then start over.
 * 2. Claim the next entry: PutObject `<name>/<n+1>` with `If-None-Match: *`, the entry holding
 *    `before` (the text read) and `after`. Of writers that read the same state, one claims.
 *    **The claim is the commit point.**
 * 3. Apply: PutObject the flag with `If-Match` (`If-None-Match: *` for a new flag;
 *    DeleteObject with `If-Match` for a delete). If that loses, the entry was completed by
 *    another writer (the flag holds `after`, or the next entry's `before` is `after`) and the
 *    write stands; otherwise a writer outside this protocol changed the flag, and the claim
 *    is withdrawn (its entry deleted) and the write starts over.
 * 4. Trim entries past retention.
 *
 * Recovery rule: a process that dies between 2 and 3 leaves a pending entry. Readers leave it
 * out, so no reader sees an entry without its change; the next write of the flag completes it
 * (roll-forward), so the change it stands for lands with its entry. No change lands without
 * its entry, because the flag is only written by step 1 or 3, after the claim.
 */
export class HistoryLog {
  constructor(
    private readonly flags: FlagObjects,
    private readonly history: HistoryObjects,
    private readonly retention: ResolvedHistoryRetention,
    private readonly storeName: string,
    private readonly maxAttempts: number,
  ) {}

  async write<T>(operation: string, flagKey: string, featureName: string, context: WriteContext, decide: (current: string | undefined) => WriteDecision<T>): Promise<T> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const [flag, sequences] = await Promise.all([this.flags.readText(operation, flagKey, featureName), this.history.sequences(featureName)]);
      const last = sequences[sequences.length - 1];
      const newest = last === undefined ? undefined : await this.history.entry(operation, featureName, last);
      if (newest !== undefined && isPending(newest.body, flag?.text ?? null)) {
        await this.apply(operation, flagKey, featureName, newest.body.after, flag);
        continue;
      }
      const decision = decide(flag?.text);
      if ('unchanged' in decision) return decision.unchanged;
      const sequence = (last ?? 0) + 1;
      const body: EntryBody = {
        featureName,
        // The writer's clock, never behind the flag's newest entry, so that ids grow per flag.
        at: Math.max(Date.now(), newest?.body.at ?? 0),
        actor: context.actor,
        action: context.action,
        before: flag?.text ?? null,
        after: decision.text,
      };
      const entryKey = this.history.layout.entryKey(featureName, sequence);
      if (await this.history.objects.writeText(operation, entryKey, featureName, encodeEntryBody(body), { IfNoneMatch: '*' })) {
        if ((await this.apply(operation, flagKey, featureName, decision.text, flag)) || (await this.completedByOthers(operation, flagKey, featureName, sequence, decision.text))) {
          await this.trim(operation, featureName, [...sequences, sequence], body.at);
          return decision.value;
        }
        await this.history.objects.deleteKey(operation, entryKey, featureName);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));
    }
    throw new UpdateConflictError(featureName, this.storeName, this.maxAttempts);
  }

  /** Writes `text` to the flag (deletes it for `null`) only over the version read. */
  private apply(operation: string, flagKey: string, featureName: string, text: string | null, read: StoredText | undefined): Promise<boolean> {
    if (text === null) return read === undefined ? Promise.resolve(true) : this.flags.deleteKey(operation, flagKey, featureName, read.etag);
    return this.flags.writeText(operation, flagKey, featureName, text, read === undefined ? { IfNoneMatch: '*' } : { IfMatch: read.etag });
  }

  /** After a lost apply: whether another writer completed this entry (see step 3). */
  private async completedByOthers(operation: string, flagKey: string, featureName: string, sequence: number, text: string | null): Promise<boolean> {
    const now = await this.flags.readText(operation, flagKey, featureName);
    if ((now?.text ?? null) === text) return true;
    const next: EntryObject | undefined = await this.history.entry(operation, featureName, sequence + 1);
    return next !== undefined && next.body.before === text;
  }

  /** Deletes the entries retention no longer keeps: past the count, then (with an age limit) the old ones. */
  private async trim(operation: string, featureName: string, sequences: number[], now: number): Promise<void> {
    const drop = sequences.slice(0, Math.max(0, sequences.length - this.retention.limit));
    const kept = sequences.slice(drop.length, -1);
    if (this.retention.maxAgeMs !== undefined) {
      for (const sequence of kept) {
        const entry = await this.history.entry(operation, featureName, sequence);
        if (entry !== undefined && now - entry.body.at <= this.retention.maxAgeMs) break;
        drop.push(sequence);
      }
    }
    await Promise.all(drop.map((sequence) => this.history.objects.deleteKey(operation, this.history.layout.entryKey(featureName, sequence), featureName)));
  }
}
