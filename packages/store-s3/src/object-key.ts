import { assertFeatureName, InvalidArgumentError } from '@flipper-client/core/store';

/** The longest key S3 accepts, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/**
 * The index of the first control character (C0, DEL or C1), or -1. S3 answers listings in XML,
 * which cannot carry most of them, and AWS lists them among the characters to avoid in keys.
 */
export function controlCharacterIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return i;
  }
  return -1;
}

/** `U+000A at index 4`, for messages about a control character. */
export function describeControlCharacter(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')} at index ${index}`;
}

/**
 * Where flags live in the bucket: flag `F` at key `<prefix>F`. With the default empty prefix
 * that is the name itself at the bucket root, as the Python S3 store writes it.
 */
export class ObjectKeys {
  constructor(readonly prefix: string) {}

  /**
   * The object key of a flag. Names that are not safe S3 keys (empty, over 1,024 UTF-8 bytes, a
   * lone surrogate, a control character), and names that the prefix would push past S3's
   * 1,024-byte key limit, are refused here, before any request.
   */
  keyOf(featureName: string): string {
    assertFeatureName(featureName);
    const index = controlCharacterIndex(featureName);
    if (index >= 0) {
      throw new InvalidArgumentError(
        `name holds the control character ${describeControlCharacter(featureName, index)}, which an S3 key cannot carry safely`,
        { featureName },
      );
    }
    const key = this.prefix + featureName;
    if (this.prefix !== '' && Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
      throw new InvalidArgumentError(
        `name is too long for the prefix ${JSON.stringify(this.prefix)}: the key would be longer than S3's ${MAX_KEY_BYTES} UTF-8 bytes`,
        { featureName },
      );
    }
    return key;
  }

  /**
   * The flag a listed key holds, or undefined for a key that holds none: one outside the prefix,
   * or the prefix itself (the empty "folder" object S3 consoles create).
   */
  nameOf(key: string): string | undefined {
    if (!key.startsWith(this.prefix) || key.length === this.prefix.length) return undefined;
    return key.slice(this.prefix.length);
  }
}
