// Authentication as the real server does it: the Bearer scheme in any case, checked before
// injected faults, and never an unauthenticated server on an address other than loopback.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { FakeApiServerOptionsError } from '../errors/fake-api-server-options-error';
import { isLoopbackHost } from './loopback-host';

function statusWith(server: FakeApiServer, authorization: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL('/api/v1/namespaces', server.url),
      { headers: authorization === undefined ? {} : { authorization } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('FakeApiServer authentication', () => {
  let server: FakeApiServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('should accept the Bearer scheme in any case, and refuse anything else', async () => {
    server = await FakeApiServer.start({ token: 'the-token' });
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR'])
      expect(await statusWith(server, `${scheme} the-token`)).toBe(200);
    expect(await statusWith(server, '  Bearer the-token  ')).toBe(200);
    for (const refused of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer the-token-but-longer',
      'Bearer the-tokeN',
      'Basic the-token',
      'the-token',
    ])
      expect(await statusWith(server, refused)).toBe(401);
  });

  it('should authenticate before an injected fault answers', async () => {
    server = await FakeApiServer.start({ token: 'the-token' });
    server.failNext({ path: '/api/v1/namespaces' }, { code: 503 });
    expect(await statusWith(server, undefined)).toBe(401);
    expect(await statusWith(server, 'Bearer wrong')).toBe(401);
    // The fault is still planned: the first authenticated request gets it.
    expect(await statusWith(server, 'Bearer the-token')).toBe(503);
    expect(await statusWith(server, 'Bearer the-token')).toBe(200);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])(
    'should refuse to listen on %s without a token',
    async (host) => {
      const error: unknown = await FakeApiServer.start({ host }).catch((caught: unknown) => caught);
      expect(FakeApiServerOptionsError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ option: 'host', message: expect.stringContaining(host) });
    },
  );

  it('should listen on another loopback address without a token', async () => {
    server = await FakeApiServer.start({ host: '127.0.0.2' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(await statusWith(server, undefined)).toBe(200);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
  ])('should tell whether %s is loopback (%s)', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
