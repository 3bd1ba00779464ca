import { assertFeatureName, InvalidArgumentError } from '@flipper-client/core';

// C0 controls, DEL and C1 controls. S3 answers XML listings, and XML 1.0 cannot carry most of
// these at all; AWS lists them among the characters to avoid in keys.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The object key of a flag is its name at the bucket root, as the Python S3 store writes it.
 * Names that are not safe S3 keys (over 1,024 UTF-8 bytes, control characters, lone surrogates,
 * empty) are refused here, before any request.
 */
export function objectKeyOf(featureName: string): string {
  assertFeatureName(featureName);
  const control = CONTROL_CHARACTER.exec(featureName);
  if (control !== null) {
    const codePoint = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new InvalidArgumentError(
      `name holds the control character U+${codePoint} at index ${control.index}, which an S3 key cannot carry safely`,
      { featureName },
    );
  }
  return featureName;
}
