import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import type { KubeConfigLike } from './kube-config-like';

/**
 * What `KubeConfig.applyToHTTPSOptions` gave for one request, sorted for the two protocols.
 *
 * @internal
 */
export interface RequestCredentials {
  /** The options as the KubeConfig filled them in, for the HTTP/1.1 path (`node:https`). */
  readonly http1Options: https.RequestOptions;
  /** Request headers for HTTP/2: lower-case names, no connection-specific ones, basic auth folded in. */
  readonly headers: Record<string, string | string[]>;
  /** The TLS settings: CA, client certificate and key, verification, server name. */
  readonly tls: ConnectionOptions;
  /** Whether the KubeConfig routes requests through a proxy (its agent is not a plain one). */
  readonly proxied: boolean;
  /** A digest of the TLS settings: connections may be shared between equal identities only. */
  readonly identity: string;
  /** Credential values that must never appear in any text we produce (see `redactSecrets`). */
  readonly secrets: readonly string[];
}

// HTTP/2 forbids these (RFC 9113 8.2.2); node:http2 throws if one is set.
const connectionSpecificHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
  'te',
]);

/**
 * Asks the KubeConfig for one request's credentials and TLS settings. Called for every request,
 * so exec plugins, token files and rotated certificate files are honoured as they change.
 *
 * @param kubeConfig - the KubeConfig.
 * @returns the credentials.
 * @throws what `applyToHTTPSOptions` throws (for example a failing exec plugin).
 * @internal
 */
export async function resolveRequestCredentials(
  kubeConfig: KubeConfigLike,
): Promise<RequestCredentials> {
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kubeConfig.applyToHTTPSOptions(options);
  const headers = http2Headers(options.headers);
  const secrets: string[] = [];
  if (typeof options.auth === 'string' && options.auth !== '') {
    if (headers.authorization === undefined) {
      headers.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
    }
    secrets.push(options.auth, ...options.auth.split(':').slice(1));
  }
  const authorization = headers.authorization;
  for (const value of Array.isArray(authorization) ? authorization : [authorization]) {
    if (value === undefined || value === '') continue;
    secrets.push(value);
    const credential = value.slice(value.indexOf(' ') + 1);
    if (credential !== value) secrets.push(credential);
  }
  const tls: ConnectionOptions = {};
  if (options.ca !== undefined) tls.ca = options.ca;
  if (options.cert !== undefined) tls.cert = options.cert;
  if (options.key !== undefined) tls.key = options.key;
  if (options.pfx !== undefined) tls.pfx = options.pfx;
  if (options.passphrase !== undefined) tls.passphrase = options.passphrase;
  if (options.rejectUnauthorized !== undefined) tls.rejectUnauthorized = options.rejectUnauthorized;
  if (options.servername !== undefined) tls.servername = options.servername;
  return {
    http1Options: options,
    headers,
    tls,
    proxied: isProxied(kubeConfig, options.agent),
    identity: identityOf(tls),
    secrets: secrets.filter((secret) => secret.length >= 4),
  };
}

/**
 * Replaces every credential value in `text` with `[redacted]`: a last line of defence for text
 * that came from the server (a proxy may echo request headers into a `Status` message).
 *
 * @param text - text to show.
 * @param secrets - the credential values of the request.
 * @returns the text without them.
 * @internal
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join('[redacted]');
  }
  return result;
}

function http2Headers(headers: https.RequestOptions['headers']): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  const add = (name: string, value: unknown): void => {
    const lower = name.toLowerCase();
    if (connectionSpecificHeaders.has(lower) || lower.startsWith(':')) return;
    if (Array.isArray(value)) result[lower] = value.map((item) => `${item as string}`);
    else if (typeof value === 'string' || typeof value === 'number') result[lower] = `${value}`;
  };
  if (Array.isArray(headers)) {
    // The raw form: name, value, name, value, ...
    for (let index = 0; index + 1 < headers.length; index += 2) {
      add(String(headers[index]), headers[index + 1]);
    }
  } else if (headers !== undefined) {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return result;
}

function isProxied(kubeConfig: KubeConfigLike, agent: unknown): boolean {
  const cluster = kubeConfig.getCurrentCluster() as { proxyUrl?: unknown } | null;
  if (typeof cluster?.proxyUrl === 'string' && cluster.proxyUrl !== '') return true;
  if (agent === undefined || agent === null || agent === false) return false;
  // client-node gives a plain http(s).Agent without a proxy; any other agent (hpagent,
  // socks-proxy-agent, one of the user's) decides how to connect, which only HTTP/1.1 can honour.
  const prototype: unknown = Object.getPrototypeOf(agent);
  return prototype !== https.Agent.prototype && prototype !== http.Agent.prototype;
}

function identityOf(tls: ConnectionOptions): string {
  const hash = createHash('sha256');
  for (const part of [tls.ca, tls.cert, tls.key, tls.pfx, tls.passphrase]) feed(hash, part);
  feed(hash, String(tls.rejectUnauthorized));
  feed(hash, tls.servername);
  return hash.digest('base64url');
}

function feed(hash: Hash, value: unknown): void {
  if (Array.isArray(value)) {
    hash.update(`[${value.length}]`);
    for (const item of value) feed(hash, item);
  } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
    hash.update(`${Buffer.byteLength(value)}:`);
    hash.update(value);
  } else if (typeof value === 'object' && value !== null) {
    // A KeyObject or { pem, passphrase } entry.
    hash.update(JSON.stringify(value) ?? '');
  } else {
    hash.update('-');
  }
  hash.update('|');
}
