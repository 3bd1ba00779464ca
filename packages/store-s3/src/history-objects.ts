import type { FlagObjects } from './flag-objects.js';
import { decodeEntryBody, type EntryObject, type HistoryLayout } from './history-layout.js';

/** The flag object as the history needs it: exact text and ETag, or absent. */
export interface StoredText {
  readonly text: string;
  readonly etag: string | undefined;
}

/** What the write protocol reads of a flag: its object and the write numbers of its entries. */
export interface FlagState {
  readonly flag: StoredText | undefined;
  /** Write numbers of the flag's entry objects, oldest first. */
  readonly sequences: number[];
}

/** The S3 reads of history objects: listing a flag's folder, reading entries. */
export class HistoryObjects {
  constructor(
    readonly objects: FlagObjects,
    readonly layout: HistoryLayout,
    private readonly pageSize: number,
  ) {}

  /** Every key under `prefix`, all pages. */
  async keysUnder(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.objects.listPage(prefix, token, this.pageSize);
      keys.push(...page.keys);
      token = page.nextToken;
    } while (token !== undefined);
    return keys;
  }

  async sequences(featureName: string): Promise<number[]> {
    const keys = await this.keysUnder(this.layout.folder(featureName));
    return keys.flatMap((key) => {
      const sequence = this.layout.sequenceOf(featureName, key);
      return sequence === undefined ? [] : [sequence];
    }).sort((a, b) => a - b);
  }

  /** One entry object, or undefined when it is gone (trimmed, withdrawn) or not an entry of this flag. */
  async entry(operation: string, featureName: string, sequence: number): Promise<EntryObject | undefined> {
    const found = await this.objects.readText(operation, this.layout.entryKey(featureName, sequence), featureName);
    if (found === undefined) return undefined;
    const body = decodeEntryBody(featureName, found.text);
    return body === undefined ? undefined : { sequence, etag: found.etag, body };
  }

  /** The entries of these write numbers, newest first, read a few at a time; missing ones left out. */
  async entries(operation: string, featureName: string, newestFirst: readonly number[]): Promise<EntryObject[]> {
    const found = await Promise.all(newestFirst.map((sequence) => this.entry(operation, featureName, sequence)));
    return found.filter((entry): entry is EntryObject => entry !== undefined);
  }
}
