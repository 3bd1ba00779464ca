import { UsageError } from '../errors.js';

/** What `flipper serve` was asked for: flags first, then the environment. */
export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly admin?: boolean;
  readonly ofrep?: boolean;
  readonly ofrepKey?: readonly string[];
  readonly public?: boolean;
  readonly allowedOrigin?: readonly string[];
  readonly serverOnly?: readonly string[];
  readonly rateLimit?: string;
}

export interface OfrepKeyConfig {
  readonly id: string;
  readonly key: string;
  readonly prefixes?: readonly string[];
}

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  readonly admin: { readonly token: string } | undefined;
  readonly ofrep:
    | {
        readonly keys: readonly OfrepKeyConfig[];
        readonly public: boolean;
        readonly allowedOrigins: readonly string[];
        readonly serverOnly: readonly string[];
        readonly rateLimit: number | undefined;
      }
    | undefined;
}

const list = (value: string | undefined): string[] => (value ?? '').split(/[,\s]+/).filter((item) => item !== '');

/** `id:key` or `id:key:prefix1,prefix2`, as `--ofrep-key` and FLIPPER_OFREP_KEYS (separated by `;` or spaces) give them. */
export function parseOfrepKey(text: string): OfrepKeyConfig {
  const [id, key, prefixes, ...rest] = text.split(':');
  if (id === undefined || id === '' || key === undefined || key === '' || rest.length > 0) {
    throw new UsageError(`serve: an OFREP key is id:key or id:key:prefix1,prefix2, got ${JSON.stringify(text.replace(/:[^:]*/, ':…'))}`);
  }
  return prefixes === undefined ? { id, key } : { id, key, prefixes: list(prefixes) };
}

function number(text: string, what: string, min: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || text.trim() === '') throw new UsageError(`serve: ${what} must be a number ≥ ${min}, got ${JSON.stringify(text)}`);
  return value;
}

/**
 * The configuration of `flipper serve`: each setting from its flag, else its variable
 * (PORT/FLIPPER_PORT, FLIPPER_HOST, FLIPPER_OFREP_KEYS, FLIPPER_PUBLIC, FLIPPER_ALLOWED_ORIGINS,
 * FLIPPER_SERVER_ONLY, FLIPPER_RATE_LIMIT, FLIPPER_ADMIN_TOKEN). Without `--admin` or `--ofrep`
 * it serves OFREP. Refuses an OFREP server with no key unless public, and an admin without a token.
 */
export function serveConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const port = number(flags.port ?? env['FLIPPER_PORT'] ?? env['PORT'] ?? '8080', '--port', 0);
  const host = flags.host ?? env['FLIPPER_HOST'] ?? '127.0.0.1';
  const wantsOfrep = flags.ofrep === true || flags.admin !== true;
  let admin: ServeConfig['admin'];
  if (flags.admin === true) {
    const token = env['FLIPPER_ADMIN_TOKEN'] ?? '';
    if (token.length < 16) throw new UsageError('serve: --admin needs FLIPPER_ADMIN_TOKEN, a token of at least 16 characters (the admin UI changes flags)');
    admin = { token };
  }
  let ofrep: ServeConfig['ofrep'];
  if (wantsOfrep) {
    const keys = [...(flags.ofrepKey ?? []), ...(env['FLIPPER_OFREP_KEYS'] ?? '').split(/[;\s]+/).filter((entry) => entry !== '')].map(parseOfrepKey);
    const isPublic = flags.public === true || env['FLIPPER_PUBLIC'] === 'true';
    if (keys.length === 0 && !isPublic) {
      throw new UsageError('serve: OFREP needs API keys (--ofrep-key id:key[:prefixes] or FLIPPER_OFREP_KEYS), or --public for flags anyone may read');
    }
    const rateLimit = flags.rateLimit ?? env['FLIPPER_RATE_LIMIT'];
    ofrep = {
      keys,
      public: isPublic,
      allowedOrigins: [...(flags.allowedOrigin ?? []), ...list(env['FLIPPER_ALLOWED_ORIGINS'])],
      serverOnly: [...(flags.serverOnly ?? []), ...list(env['FLIPPER_SERVER_ONLY'])],
      rateLimit: rateLimit === undefined ? undefined : number(rateLimit, '--rate-limit', Number.MIN_VALUE),
    };
  }
  return { port, host, admin, ofrep };
}
