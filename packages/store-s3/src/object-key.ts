import { assertFeatureName, InvalidArgumentError } from '@flipper-client/core/store';

/**
 * The index of the first control character (C0, DEL or C1), or -1. S3 answers listings in XML,
 * which cannot carry most of them, and AWS lists them among the characters to avoid in keys.
 */
function controlCharacterIndex(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return i;
  }
  return -1;
}

/**
 * The object key of a flag is its name at the bucket root, as the Python S3 store writes it.
 * Names that are not safe S3 keys (empty, over 1,024 UTF-8 bytes, a lone surrogate, a control
 * character) are refused here, before any request.
 */
export function objectKeyOf(featureName: string): string {
  assertFeatureName(featureName);
  const index = controlCharacterIndex(featureName);
  if (index >= 0) {
    const codePoint = featureName.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
    throw new InvalidArgumentError(
      `name holds the control character U+${codePoint} at index ${index}, which an S3 key cannot carry safely`,
      { featureName },
    );
  }
  return featureName;
}
