/** Escapes the characters that SCAN MATCH and PSUBSCRIBE read as a glob: `* ? [ ] \`. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}

/**
 * Where flags live: `<baseKey>/<name>` for each flag, as the Python library keeps them (SPEC §5),
 * and a pub/sub channel derived from the base key for the change feed.
 */
export class KeyLayout {
  readonly prefix: string;
  /** SCAN MATCH pattern for every flag of this base key, and only those. */
  readonly scanPattern: string;

  constructor(
    readonly baseKey: string,
    readonly channel: string,
  ) {
    this.prefix = `${baseKey}/`;
    this.scanPattern = `${escapeGlob(baseKey)}/*`;
  }

  key(featureName: string): string {
    return this.prefix + featureName;
  }

  /** The flag name of a key under this base key, or undefined for any other key. */
  nameOf(key: string): string | undefined {
    return key.startsWith(this.prefix) ? key.slice(this.prefix.length) : undefined;
  }

  /** Channel prefix of keyspace notifications for the flags of database `db`. */
  keyspacePrefix(db: number): string {
    return `__keyspace@${db}__:${this.prefix}`;
  }

  /** PSUBSCRIBE pattern for keyspace notifications on the flags of database `db`. */
  keyspacePattern(db: number): string {
    return `${escapeGlob(`__keyspace@${db}__:`)}${this.scanPattern}`;
  }
}
