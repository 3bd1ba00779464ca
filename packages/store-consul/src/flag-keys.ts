import { assertFeatureName } from '@flipper-client/core/store';

/**
 * Where flags live: `<baseKey>/<name>`, the Python store's keys. The name is taken whole, so a
 * name holding `/`, `..`, `?`, `#` or `%` is still one key of its own: the `consul` client
 * percent-encodes the entire key in the request path (slashes included), and Consul decodes it
 * back byte for byte. Listing the prefix gives the name back as everything after it.
 */
export class FlagKeys {
  /** `<baseKey>/`, the prefix the watch reads. */
  readonly prefix: string;

  constructor(baseKey: string) {
    this.prefix = `${baseKey}/`;
  }

  keyFor(featureName: string): string {
    assertFeatureName(featureName);
    return this.prefix + featureName;
  }

  /** The flag name of a key under the prefix; undefined for the prefix itself (a folder entry). */
  nameOf(key: string): string | undefined {
    if (!key.startsWith(this.prefix) || key.length === this.prefix.length) return undefined;
    return key.slice(this.prefix.length);
  }
}

/** Unicode code point order, as Python sorts strings: the order `list` yields flags in. */
export function compareNames(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
