import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.js';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** A store named on the command line, parsed; nothing is opened yet. */
export type StoreSpec =
  | { readonly kind: 'memory'; readonly display: string }
  | { readonly kind: 'file'; readonly path: string; readonly display: string }
  | {
      readonly kind: 'redis';
      /** What ioredis is given: the URL without this tool's own parameters. */
      readonly url: string;
      readonly baseKey: string;
      readonly display: string;
    }
  | {
      readonly kind: 'redis-cluster';
      readonly nodes: readonly HostPort[];
      readonly username: string | undefined;
      readonly password: string | undefined;
      readonly tls: boolean;
      readonly baseKey: string;
      readonly display: string;
    }
  | {
      readonly kind: 'consul';
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly baseKey: string;
      readonly datacenter: string | undefined;
      readonly display: string;
    }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      /** Key prefix of every flag (`flags/`); empty: the bucket root. */
      readonly prefix: string;
      /** Path-style addressing; undefined: on exactly when a custom endpoint is configured. */
      readonly pathStyle: boolean | undefined;
      readonly conditionalWrites: boolean;
      /** Keys per ListObjectsV2 page; the store's default (1000) when undefined. */
      readonly pageSize: number | undefined;
      readonly display: string;
    }
  | { readonly kind: 'thrift'; readonly host: string; readonly port: number; readonly framed: boolean; readonly display: string };

export type StoreKind = StoreSpec['kind'];

export const STORE_URL_FORMS = [
  'memory:',
  'file:PATH',
  'redis://[user:password@]host:port[/db][?base-key=features]',
  'rediss://... (TLS)',
  'redis+cluster://[user:password@]host:port,host:port[?base-key=features]',
  'consul://host:port[/base-key][?dc=datacenter]  (consul+https:// for TLS)',
  's3://bucket[/prefix][?path-style=true|false&conditional-writes=true|false&page-size=1000]',
  'thrift://host:port[?transport=buffered|framed]',
] as const;

function fail(url: string, why: string): never {
  throw new UsageError(`store URL ${JSON.stringify(redact(url))}: ${why}. Forms: ${STORE_URL_FORMS.join(', ')}`);
}

/** The URL with any password replaced, fit for messages and logs. */
export function redact(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}

function splitQuery(rest: string): { main: string; params: URLSearchParams } {
  const at = rest.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : rest.slice(at + 1));
  return { main: at < 0 ? rest : rest.slice(0, at), params };
}

const KNOWN_PARAMS: Record<string, readonly string[]> = {
  redis: ['base-key'],
  consul: ['dc'],
  s3: ['path-style', 'conditional-writes', 'page-size'],
  thrift: ['transport'],
};

function only(url: string, params: URLSearchParams, family: string, extra: readonly string[] = []): void {
  const allowed = new Set([...(KNOWN_PARAMS[family] ?? []), ...extra]);
  for (const key of params.keys()) {
    if (!allowed.has(key)) {
      fail(url, `unknown parameter ${JSON.stringify(key)}${allowed.size > 0 ? ` (known: ${[...allowed].join(', ')})` : ''}`);
    }
  }
}

function booleanParam(url: string, params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return fail(url, `${name} must be true or false, got ${JSON.stringify(value)}`);
}

function parsePort(url: string, text: string, fallback?: number): number {
  if (text === '' && fallback !== undefined) return fallback;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) fail(url, `${JSON.stringify(text)} is not a port`);
  return Number(text);
}

function parseHostPort(url: string, text: string, defaultPort?: number): HostPort {
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(text);
  if (bracketed !== null) return { host: bracketed[1]!, port: parsePort(url, bracketed[2] ?? '', defaultPort) };
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  if (host === '') fail(url, 'a host is missing');
  return { host, port: parsePort(url, colon < 0 ? '' : text.slice(colon + 1), defaultPort) };
}

/** A URL path without its leading and trailing slashes, percent-decoded; `what` names it in the error. */
function decodePath(url: string, path: string, what: string): string {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(trimmed);
  } catch {
    return fail(url, `the ${what} is not valid percent-encoding`);
  }
}

function decodeBaseKey(url: string, path: string): string {
  return decodePath(url, path, 'base key') || 'features';
}

function parseRedisCluster(url: string, rest: string): StoreSpec {
  const { main, params } = splitQuery(rest);
  only(url, params, 'redis');
  const at = main.lastIndexOf('@');
  const userinfo = at < 0 ? undefined : main.slice(0, at);
  const hosts = (at < 0 ? main : main.slice(at + 1)).replace(/\/+$/, '');
  if (hosts === '') fail(url, 'name at least one host:port');
  const colon = userinfo?.indexOf(':') ?? -1;
  const decode = (text: string | undefined): string | undefined => (text === undefined || text === '' ? undefined : decodeURIComponent(text));
  return {
    kind: 'redis-cluster',
    nodes: hosts.split(',').map((node) => parseHostPort(url, node, 6379)),
    username: decode(colon < 0 ? userinfo : userinfo!.slice(0, colon)),
    password: decode(colon < 0 ? undefined : userinfo!.slice(colon + 1)),
    tls: url.startsWith('rediss+cluster:'),
    baseKey: params.get('base-key') ?? 'features',
    display: redact(url),
  };
}

function parseRedis(url: string): StoreSpec {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(url, 'not a valid URL');
  }
  only(url, parsed.searchParams, 'redis', ['db', 'family', 'name']);
  if (parsed.hostname === '') fail(url, 'a host is missing');
  if (!/^\/?\d*$/.test(parsed.pathname)) fail(url, 'the path must be a database number (redis://host:port/0)');
  const baseKey = parsed.searchParams.get('base-key') ?? 'features';
  parsed.searchParams.delete('base-key');
  return { kind: 'redis', url: parsed.toString(), baseKey, display: redact(url) };
}

function parseConsul(url: string, rest: string, secure: boolean): StoreSpec {
  const { main, params } = splitQuery(rest);
  only(url, params, 'consul');
  const slash = main.indexOf('/');
  const authority = slash < 0 ? main : main.slice(0, slash);
  if (authority.includes('@')) fail(url, 'put the ACL token in CONSUL_HTTP_TOKEN, not in the URL');
  const { host, port } = parseHostPort(url, authority === '' ? '127.0.0.1' : authority, 8500);
  return {
    kind: 'consul',
    host,
    port,
    secure,
    baseKey: decodeBaseKey(url, slash < 0 ? '' : main.slice(slash)),
    datacenter: params.get('dc') ?? undefined,
    display: url,
  };
}

function pageSizeParam(url: string, text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000) fail(url, `page-size must be an integer from 1 to 1000, got ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * The path after the bucket is a folder of keys: `s3://bucket/flags` and `s3://bucket/flags/`
 * both keep flag F at `flags/F`, so that `flags` never also lists `flagship`. Percent-escapes are
 * decoded; no path is the bucket root.
 */
function s3Prefix(url: string, path: string): string {
  const folder = decodePath(url, path, 'key prefix');
  return folder === '' ? '' : `${folder}/`;
}

function parseS3(url: string, rest: string): StoreSpec {
  const { main, params } = splitQuery(rest);
  only(url, params, 's3');
  const slash = main.indexOf('/');
  const bucket = slash < 0 ? main : main.slice(0, slash);
  if (bucket === '') fail(url, 'name the bucket: s3://bucket');
  return {
    kind: 's3',
    bucket,
    prefix: s3Prefix(url, slash < 0 ? '' : main.slice(slash)),
    pathStyle: booleanParam(url, params, 'path-style'),
    conditionalWrites: booleanParam(url, params, 'conditional-writes') ?? true,
    pageSize: pageSizeParam(url, params.get('page-size')),
    display: url,
  };
}

function parseThrift(url: string, rest: string): StoreSpec {
  const { main, params } = splitQuery(rest);
  only(url, params, 'thrift');
  const transport = params.get('transport') ?? 'buffered';
  if (transport !== 'buffered' && transport !== 'framed') fail(url, `transport must be buffered or framed, got ${JSON.stringify(transport)}`);
  const { host, port } = parseHostPort(url, main.replace(/\/+$/, ''));
  return { kind: 'thrift', host, port, framed: transport === 'framed', display: url };
}

function parseFile(url: string, rest: string, cwd: string): StoreSpec {
  if (rest === '') fail(url, 'name the file: file:flags.json');
  const path = rest.startsWith('//') ? fileURLToPath(url) : isAbsolute(rest) ? rest : resolve(cwd, rest);
  return { kind: 'file', path, display: url };
}

/** Parses a store URL (see `STORE_URL_FORMS`); a bad one is a `UsageError` naming what is wrong. */
export function parseStoreUrl(url: string, cwd: string = process.cwd()): StoreSpec {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return fail(url, 'it has no scheme');
  const rest = trimmed.slice(scheme.length + 1);
  const authority = rest.startsWith('//') ? rest.slice(2) : undefined;
  switch (scheme) {
    case 'memory':
      if (rest !== '' && rest !== '//') fail(url, 'memory: takes nothing after the colon');
      return { kind: 'memory', display: 'memory:' };
    case 'file':
      return parseFile(trimmed, rest, cwd);
    case 'redis':
    case 'rediss':
      return parseRedis(trimmed);
    case 'redis+cluster':
    case 'rediss+cluster':
      return authority === undefined ? fail(url, 'write redis+cluster://host:port,host:port') : parseRedisCluster(trimmed, authority);
    case 'consul':
    case 'consul+http':
    case 'consul+https':
      return authority === undefined ? fail(url, 'write consul://host:port/base-key') : parseConsul(trimmed, authority, scheme === 'consul+https');
    case 's3':
      return authority === undefined ? fail(url, 'write s3://bucket') : parseS3(trimmed, authority);
    case 'thrift':
      return authority === undefined ? fail(url, 'write thrift://host:port') : parseThrift(trimmed, authority);
    default:
      return fail(url, `unknown scheme ${JSON.stringify(`${scheme}:`)}`);
  }
}
