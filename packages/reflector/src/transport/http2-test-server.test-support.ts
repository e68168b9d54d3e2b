import * as http2 from 'node:http2';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import {
  loopbackCertificate,
  testCertificateAuthority,
  clientCertificate,
} from './test-certificates.test-support';

/** One request the server got. */
export interface TestRequestRecord {
  readonly httpVersion: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

/** The request as the handler sees it (HTTP/1.1 or HTTP/2 compatibility API). */
export interface TestRequest {
  readonly url: string | undefined;
  readonly httpVersion: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** The response as the handler writes it. */
export interface TestResponse {
  writeHead(code: number, headers?: Record<string, string>): unknown;
  flushHeaders(): void;
  write(chunk: string): unknown;
  end(chunk?: string): unknown;
}

/** A request handler of the test server. */
export type TestHandler = (request: TestRequest, response: TestResponse) => void;

/** Options of {@link Http2TestServer.start}. */
export interface Http2TestServerOptions {
  readonly handler: TestHandler;
  /** `['h2', 'http/1.1']` by default; `['http/1.1']` is a server without HTTP/2. */
  readonly protocols?: readonly ('h2' | 'http/1.1')[];
  readonly maxConcurrentStreams?: number;
  readonly certificate?: { certificate: string; privateKey: string };
  /** Ask for a client certificate signed by the test CA, and refuse connections without one. */
  readonly requireClientCertificate?: boolean;
}

/** Options of {@link Http2TestServer.kubeConfig}. */
export interface TestKubeConfigOptions {
  readonly token?: string;
  readonly server?: string;
  readonly withCertificateAuthority?: boolean;
  readonly skipTLSVerify?: boolean;
  readonly tlsServerName?: string;
  readonly clientCertificate?: boolean;
  readonly proxyUrl?: string;
}

/**
 * A TLS server on 127.0.0.1 speaking HTTP/2 and/or HTTP/1.1 (ALPN) with the static test
 * certificates, for transport tests that need control of the server (settings, answers).
 */
export class Http2TestServer {
  readonly requests: TestRequestRecord[];
  readonly #server: http2.Http2SecureServer | https.Server;
  readonly #sockets = new Set<Socket>();
  readonly #serverSessions = new Set<http2.ServerHttp2Session>();
  #connections = 0;
  #sessions = 0;

  private constructor(
    server: http2.Http2SecureServer | https.Server,
    requests: TestRequestRecord[],
  ) {
    this.#server = server;
    this.requests = requests;
  }

  static async start(options: Http2TestServerOptions): Promise<Http2TestServer> {
    const protocols = options.protocols ?? ['h2', 'http/1.1'];
    const certificate = options.certificate ?? loopbackCertificate;
    const tls = {
      key: certificate.privateKey,
      cert: certificate.certificate,
      ca: testCertificateAuthority,
      requestCert: options.requireClientCertificate === true,
      rejectUnauthorized: options.requireClientCertificate === true,
    };
    const requests: TestRequestRecord[] = [];
    const handle = (request: TestRequest, response: TestResponse): void => {
      const authorization = request.headers.authorization;
      requests.push({
        httpVersion: request.httpVersion,
        path: request.url ?? '',
        authorization: typeof authorization === 'string' ? authorization : undefined,
      });
      options.handler(request, response);
    };
    const server = protocols.includes('h2')
      ? http2.createSecureServer(
          {
            ...tls,
            allowHTTP1: protocols.includes('http/1.1'),
            settings:
              options.maxConcurrentStreams === undefined
                ? {}
                : { maxConcurrentStreams: options.maxConcurrentStreams },
          },
          (request, response) => handle(request, response as unknown as TestResponse),
        )
      : https.createServer({ ...tls, ALPNProtocols: ['http/1.1'] }, (request, response) =>
          handle(request as unknown as TestRequest, response as unknown as TestResponse),
        );
    const created = new Http2TestServer(server, requests);
    server.on('secureConnection', (socket: Socket) => {
      created.#connections += 1;
      created.#sockets.add(socket);
      socket.on('close', () => created.#sockets.delete(socket));
    });
    server.on('session', (session: http2.ServerHttp2Session) => {
      created.#sessions += 1;
      created.#serverSessions.add(session);
      session.on('close', () => created.#serverSessions.delete(session));
      session.on('error', () => undefined);
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return created;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** TLS connections accepted so far. */
  get connections(): number {
    return this.#connections;
  }

  /** HTTP/2 sessions accepted so far. */
  get sessions(): number {
    return this.#sessions;
  }

  /** Sends GOAWAY (NO_ERROR) on every open HTTP/2 session: open streams go on, no new ones. */
  goAway(): number {
    for (const session of this.#serverSessions) session.goaway(http2.constants.NGHTTP2_NO_ERROR);
    return this.#serverSessions.size;
  }

  /** A client-node 1.4 KubeConfig for this server. */
  kubeConfig(options: TestKubeConfigOptions = {}): KubeConfig {
    const kubeConfig = new KubeConfig();
    const withCa = options.withCertificateAuthority ?? options.skipTLSVerify !== true;
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'test',
          server: options.server ?? this.url,
          skipTLSVerify: options.skipTLSVerify === true,
          ...(withCa ? { caData: Buffer.from(testCertificateAuthority).toString('base64') } : {}),
          ...(options.tlsServerName === undefined ? {} : { tlsServerName: options.tlsServerName }),
          ...(options.proxyUrl === undefined ? {} : { proxyUrl: options.proxyUrl }),
        },
      ],
      users: [
        {
          name: 'test',
          ...(options.token === undefined ? {} : { token: options.token }),
          ...(options.clientCertificate === true
            ? {
                certData: Buffer.from(clientCertificate.certificate).toString('base64'),
                keyData: Buffer.from(clientCertificate.privateKey).toString('base64'),
              }
            : {}),
        },
      ],
      contexts: [{ name: 'test', cluster: 'test', user: 'test' }],
      currentContext: 'test',
    });
    return kubeConfig;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A list answer with `count` ConfigMaps. */
export function configMapList(count: number, resourceVersion = '10'): string {
  const items = Array.from({ length: count }, (_, index) => ({
    metadata: { name: `cm-${index}`, namespace: 'default', resourceVersion },
  }));
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMapList',
    metadata: { resourceVersion },
    items,
  });
}

/** One watch line. */
export function watchLine(type: string, name: string, resourceVersion: string): string {
  const object = { metadata: { name, namespace: 'default', resourceVersion } };
  return `${JSON.stringify({ type, object })}\n`;
}
