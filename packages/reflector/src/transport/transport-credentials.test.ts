import type * as https from 'node:https';
import { ApiStatusError } from '@kube-cache/indexer';
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatch } from '../list-watch/list-watch';
import { Http2TestServer, configMapList } from './http2-test-server.test-support';
import type { TestHandler } from './http2-test-server.test-support';
import type { KubeConfigLike } from './kube-config-like';
import { KubeTransport } from './kube-transport';
import { namedCertificate } from './test-certificates.test-support';

const configMaps = { apiVersion: 'v1', plural: 'configmaps' };
let server: Http2TestServer | undefined;
const transports: KubeTransport[] = [];
const controller = new AbortController();

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await server?.close();
  server = undefined;
});

const answerLists: TestHandler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(configMapList(1));
};

/** Lists answer only a request with `Authorization: Bearer <token>`; others get a 401 Status. */
function requireToken(token: string): TestHandler {
  return (request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          kind: 'Status',
          code: 401,
          reason: 'Unauthorized',
          message: 'Unauthorized',
        }),
      );
      return;
    }
    answerLists(request, response);
  };
}

function list(kubeConfig: KubeConfigLike) {
  const transport = new KubeTransport({ kubeConfig });
  transports.push(transport);
  const listWatch = createListWatch(kubeConfig, configMaps, { transport });
  const listed = listWatch.list({}, controller.signal);
  // Awaited later in the test: not an unhandled rejection meanwhile.
  listed.catch(() => undefined);
  return { listWatch, listed };
}

/** A KubeConfig whose token changes with every `applyToHTTPSOptions` (an exec plugin refreshing). */
function rotatingTokens(base: KubeConfigLike, tokens: string[]) {
  let calls = 0;
  const kubeConfig: KubeConfigLike = {
    getCurrentCluster: () => base.getCurrentCluster(),
    applyToHTTPSOptions: async (options: https.RequestOptions) => {
      await base.applyToHTTPSOptions(options);
      const token = tokens[Math.min(calls, tokens.length - 1)] ?? '';
      calls += 1;
      options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
    },
  };
  return { kubeConfig, calls: () => calls };
}

// Real sockets on a shared, busy machine: generous limits (the checks themselves use no timing).
describe('KubeTransport credentials and TLS', { timeout: 30_000 }, () => {
  it('should ask the KubeConfig again once after a 401, so a refreshed token works', async () => {
    server = await Http2TestServer.start({ handler: requireToken('fresh') });
    const rotating = rotatingTokens(server.kubeConfig(), ['expired', 'fresh']);
    const { listWatch, listed } = list(rotating.kubeConfig);

    expect((await listed).items).toHaveLength(1);
    expect(rotating.calls()).toBe(2);
    expect(listWatch.protocol).toBe('h2');
    expect(server.requests.map((request) => request.authorization)).toEqual([
      'Bearer expired',
      'Bearer fresh',
    ]);
  });

  it('should fail with the 401 after one retry when the credentials stay refused', async () => {
    server = await Http2TestServer.start({ handler: requireToken('never-given') });
    const rotating = rotatingTokens(server.kubeConfig(), ['first', 'second', 'third']);
    const { listed } = list(rotating.kubeConfig);

    await expect(listed).rejects.toMatchObject({ name: 'ApiStatusError', code: 401 });
    expect(server.requests).toHaveLength(2);
  });

  it('should send the username and password of basic auth over HTTP/2', async () => {
    const expected = `Basic ${Buffer.from('alice:secret-password').toString('base64')}`;
    server = await Http2TestServer.start({
      handler: (request, response) => {
        if (request.headers.authorization === expected) answerLists(request, response);
        else {
          response.writeHead(401);
          response.end();
        }
      },
    });
    const kubeConfig = server.kubeConfig();
    kubeConfig.users = [{ name: 'test', username: 'alice', password: 'secret-password' }];

    expect((await list(kubeConfig).listed).items).toHaveLength(1);
    expect(server.requests[0]?.httpVersion).toBe('2.0');
  });

  it('should verify the server against tls-server-name', async () => {
    server = await Http2TestServer.start({ handler: answerLists, certificate: namedCertificate });
    const named = list(server.kubeConfig({ tlsServerName: 'api.kube-cache.test' }));
    const unnamed = list(server.kubeConfig());

    expect((await named.listed).items).toHaveLength(1);
    expect(named.listWatch.protocol).toBe('h2');
    await expect(unnamed.listed).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('should skip verification only with insecure-skip-tls-verify', async () => {
    server = await Http2TestServer.start({ handler: answerLists });
    const insecure = list(server.kubeConfig({ skipTLSVerify: true }));
    const unknownAuthority = list(server.kubeConfig({ withCertificateAuthority: false }));

    expect((await insecure.listed).items).toHaveLength(1);
    expect(insecure.listWatch.protocol).toBe('h2');
    await expect(unknownAuthority.listed).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY/) as unknown,
    });
  });

  it('should present the client certificate and key of the KubeConfig', async () => {
    server = await Http2TestServer.start({ handler: answerLists, requireClientCertificate: true });
    const withCertificate = list(server.kubeConfig({ clientCertificate: true }));
    const without = list(server.kubeConfig());

    expect((await withCertificate.listed).items).toHaveLength(1);
    expect(withCertificate.listWatch.protocol).toBe('h2');
    await expect(without.listed).rejects.toBeInstanceOf(Error);
    expect(ApiStatusError.isInstance(await without.listed.catch((error: unknown) => error))).toBe(
      false,
    );
  });

  it('should keep connections apart for different TLS identities of one server', async () => {
    server = await Http2TestServer.start({ handler: answerLists });
    const kubeConfig = server.kubeConfig();
    const transport = new KubeTransport({ kubeConfig });
    transports.push(transport);
    const rotating: KubeConfigLike = {
      getCurrentCluster: () => kubeConfig.getCurrentCluster(),
      applyToHTTPSOptions: async (options) => {
        await kubeConfig.applyToHTTPSOptions(options);
        options.rejectUnauthorized = false;
      },
    };
    const insecureTransport = new KubeTransport({ kubeConfig: rotating });
    transports.push(insecureTransport);
    await createListWatch(kubeConfig, configMaps, { transport }).list({}, controller.signal);
    await createListWatch(kubeConfig, configMaps, { transport }).list({}, controller.signal);
    await createListWatch(rotating, configMaps, { transport: insecureTransport }).list(
      {},
      controller.signal,
    );

    expect(server.sessions).toBe(2);
  });

  it("should run the KubeConfig's exec plugin for the token", async () => {
    server = await Http2TestServer.start({ handler: requireToken('from-exec-plugin') });
    const kubeConfig = server.kubeConfig();
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: 'from-exec-plugin' },
    };
    kubeConfig.users = [
      {
        name: 'test',
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: process.execPath,
          args: ['-e', `process.stdout.write(${JSON.stringify(JSON.stringify(credential))})`],
        },
      },
    ];
    const { listWatch, listed } = list(kubeConfig);

    expect((await listed).items).toHaveLength(1);
    expect(listWatch.protocol).toBe('h2');
    expect(server.requests.map((request) => request.authorization)).toEqual([
      'Bearer from-exec-plugin',
    ]);
  });

  it('should fail cleanly, every time, with unusable TLS material', async () => {
    server = await Http2TestServer.start({ handler: answerLists });
    const base = server.kubeConfig();
    const broken: KubeConfigLike = {
      getCurrentCluster: () => base.getCurrentCluster(),
      applyToHTTPSOptions: async (options) => {
        await base.applyToHTTPSOptions(options);
        options.cert = 'not a certificate';
        options.key = 'not a key';
      },
    };
    const first = list(broken);
    await expect(first.listed).rejects.toBeInstanceOf(Error);
    const second = list(broken);
    await expect(second.listed).rejects.toBeInstanceOf(Error);

    expect(server.connections).toBe(0);
    expect(first.listWatch.transport.sessions()).toEqual([]);
  });
});
