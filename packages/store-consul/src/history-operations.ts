import {
  assertWritableSize,
  decodeDocumentWithin,
  encodeDocument,
  FeatureFlagStoreItem,
  FlagDoesNotExistError,
  FlagExistsError,
  type ItemChange,
  type WriteContext,
} from '@flipper-client/core/store';
import type { HistoryWriter } from './history-writer.js';

/**
 * The store's writes when it keeps history, each one transaction of `HistoryWriter`: what the
 * store then applies to its local copy. `item` is what was written, `undefined` for a delete
 * (`deleted` says whether a flag was there).
 */
export class HistoryOperations {
  constructor(
    private readonly writer: HistoryWriter,
    private readonly maxBytes: number,
  ) {}

  /** The document of `item`, refused before anything is sent when over `maxDocumentBytes`. */
  private encode(item: FeatureFlagStoreItem): string {
    const text = encodeDocument(item);
    assertWritableSize(item.featureName, text, this.maxBytes);
    return text;
  }

  /** `create` and `put`: the whole document, whatever was stored. */
  async replace(operation: string, item: FeatureFlagStoreItem, context: WriteContext): Promise<string> {
    const text = this.encode(item);
    await this.writer.write(operation, item.featureName, context, () => ({ text, value: undefined }));
    return text;
  }

  /** Decided by the transaction's `cas` with `Index: 0`: of concurrent creates, one lands. */
  async createIfAbsent(item: FeatureFlagStoreItem, context: WriteContext): Promise<string> {
    const text = this.encode(item);
    await this.writer.write('createIfAbsent', item.featureName, context, (current) => {
      if (current !== undefined) throw new FlagExistsError(item.featureName);
      return { text, value: undefined };
    });
    return text;
  }

  async set(featureName: string, isEnabled: boolean, context: WriteContext): Promise<{ item: FeatureFlagStoreItem; text: string }> {
    const { value } = await this.writer.write('set', featureName, context, (current) => {
      const item = current === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : decodeDocumentWithin(featureName, current, this.maxBytes).withEnabled(isEnabled);
      const text = this.encode(item);
      return { text, value: { item, text } };
    });
    return value;
  }

  async update(operation: string, featureName: string, change: ItemChange, context: WriteContext): Promise<{ item: FeatureFlagStoreItem; text: string }> {
    const { value } = await this.writer.write(operation, featureName, context, (current) => {
      if (current === undefined) throw new FlagDoesNotExistError(featureName);
      const item = change(decodeDocumentWithin(featureName, current, this.maxBytes));
      const text = this.encode(item);
      return { text, value: { item, text } };
    });
    return value;
  }

  /** Resolves whether a flag was there; deleting a missing flag writes nothing. */
  async delete(featureName: string, context: WriteContext): Promise<boolean> {
    const { value } = await this.writer.write<boolean>('delete', featureName, context, (current) =>
      current === undefined ? { unchanged: false } : { text: null, value: true },
    );
    return value;
  }
}
