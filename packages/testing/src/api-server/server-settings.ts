import { randomBytes } from 'node:crypto';
import { FakeApiServerOptionsError } from '../errors/fake-api-server-options-error';
import { apiVersionOf, defaultResourceDefinitions } from '../cluster/resource-definition';
import type { ResourceDefinition } from '../cluster/resource-definition';
import type { FakeApiServerOptions } from './fake-api-server-options';
import { isLoopbackHost } from './loopback-host';
import type { WireProtocol } from './served-connections';

/** A fake API server's options with their defaults applied, checked. */
export interface ServerSettings {
  /** The served resources: the defaults, with those the options give added or replacing. */
  readonly definitions: readonly ResourceDefinition[];
  readonly host: string;
  readonly port: number;
  /** The bearer token to require: the one given, generated with `https`, else none. */
  readonly token: string | undefined;
  readonly protocols: readonly WireProtocol[];
  readonly maxConcurrentStreams: number;
  readonly bookmarkIntervalMilliseconds: number;
  readonly historyLimit: number;
  readonly latencyMilliseconds: number;
}

/**
 * Applies the defaults to a fake API server's options and checks them.
 *
 * @param options - the options given to `FakeApiServer.start`.
 * @returns the settings.
 * @throws FakeApiServerOptionsError for a host other than loopback without a token, or protocols
 *   the server cannot serve.
 */
export function serverSettings(options: FakeApiServerOptions): ServerSettings {
  const host = options.host ?? '127.0.0.1';
  const token =
    options.token ?? (options.https === true ? randomBytes(24).toString('hex') : undefined);
  if (token === undefined && !isLoopbackHost(host))
    throw new FakeApiServerOptionsError(
      'host',
      `is ${host}, not a loopback address: a server reachable from other machines requires a token (set token or https)`,
    );
  return {
    definitions: servedDefinitions(options.resources ?? []),
    host,
    port: options.port ?? 0,
    token,
    protocols: wireProtocols(options),
    maxConcurrentStreams: options.maxConcurrentStreams ?? 250,
    bookmarkIntervalMilliseconds: options.bookmarkIntervalMilliseconds ?? 60_000,
    historyLimit: options.historyLimit ?? 250_000,
    latencyMilliseconds: options.latencyMilliseconds ?? 0,
  };
}

// A resource given in options replaces a default one of the same group, version and kind.
function servedDefinitions(extra: readonly ResourceDefinition[]): ResourceDefinition[] {
  return [
    ...defaultResourceDefinitions.filter(
      (builtIn) =>
        !extra.some(
          (added) => apiVersionOf(added) === apiVersionOf(builtIn) && added.kind === builtIn.kind,
        ),
    ),
    ...extra,
  ];
}

function wireProtocols(options: FakeApiServerOptions): readonly WireProtocol[] {
  const protocols = options.protocols ?? ['h2', 'http/1.1'];
  if (
    protocols.length === 0 ||
    protocols.some((protocol) => protocol !== 'h2' && protocol !== 'http/1.1')
  )
    throw new FakeApiServerOptionsError('protocols', "must list 'h2', 'http/1.1' or both");
  if (options.https !== true && !protocols.includes('http/1.1'))
    throw new FakeApiServerOptionsError(
      'protocols',
      "plain HTTP serves only 'http/1.1'; HTTP/2 needs https",
    );
  return protocols;
}
