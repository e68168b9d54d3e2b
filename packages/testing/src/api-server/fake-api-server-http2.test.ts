// HTTP/2 and HTTP/1.1 over TLS (chosen by ALPN), the stall fault and the connection read-out,
// with real `node:http2` / `node:https` / `node:tls` clients on 127.0.0.1.
import { Agent, get } from 'node:http';
import type { ClientHttp2Session } from 'node:http2';
import { connect as connectTls } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server';
import { FakeApiServerOptionsError } from '../errors/fake-api-server-options-error';
import { openWatchStream, sendRequest } from './http-test-client.test-support';
import {
  http2Get,
  http2Watch,
  https1Get,
  openSession,
  sendPing,
} from './http2-test-client.test-support';
import { generatePods } from '../objects/object-generators';

function configMap(name: string): { apiVersion: string; kind: string; metadata: object } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } };
}

function negotiated(server: FakeApiServer, offer: string[]): Promise<string | false> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({
      host: '127.0.0.1',
      port: Number(new URL(server.url).port),
      ca: server.certificateAuthority ?? '',
      ALPNProtocols: offer,
    });
    socket.once('secureConnect', () => {
      resolve(socket.alpnProtocol ?? false);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('FakeApiServer over TLS', () => {
  let server: FakeApiServer | undefined;
  const sessions: ClientHttp2Session[] = [];

  afterEach(async () => {
    for (const session of sessions.splice(0)) session.destroy();
    await server?.close();
    server = undefined;
  });

  const session = async (target: FakeApiServer): Promise<ClientHttp2Session> => {
    const opened = await openSession(target);
    sessions.push(opened);
    return opened;
  };

  describe('ALPN', () => {
    it('should choose h2 for a client offering it and http/1.1 for one that does not', async () => {
      server = await FakeApiServer.start({ https: true });
      expect(await negotiated(server, ['h2', 'http/1.1'])).toBe('h2');
      expect(await negotiated(server, ['http/1.1'])).toBe('http/1.1');
      const h2 = await http2Get(await session(server), server, '/version');
      expect(h2.status).toBe(200);
      const h1 = await https1Get(server, '/version', ['http/1.1']);
      expect(h1).toMatchObject({ status: 200, httpVersion: '1.1', alpnProtocol: 'http/1.1' });
      expect(h1.body).toEqual(h2.body);
      const withoutAlpn = await https1Get(server, '/version');
      expect(withoutAlpn).toMatchObject({ status: 200, alpnProtocol: false });
    });

    it("should refuse h2 with protocols ['http/1.1'] and still serve HTTP/1.1", async () => {
      server = await FakeApiServer.start({ https: true, protocols: ['http/1.1'] });
      expect(await negotiated(server, ['h2', 'http/1.1'])).toBe('http/1.1');
      await expect(openSession(server)).rejects.toThrow();
      const answer = await https1Get(server, '/api/v1/namespaces', ['h2', 'http/1.1']);
      expect(answer).toMatchObject({ status: 200, httpVersion: '1.1', alpnProtocol: 'http/1.1' });
    });

    it("should serve only HTTP/2 with protocols ['h2']", async () => {
      server = await FakeApiServer.start({ https: true, protocols: ['h2'] });
      expect(await negotiated(server, ['h2', 'http/1.1'])).toBe('h2');
      expect((await http2Get(await session(server), server, '/version')).status).toBe(200);
      await expect(https1Get(server, '/version', ['http/1.1'])).rejects.toThrow();
    });

    it('should announce SETTINGS_MAX_CONCURRENT_STREAMS, 250 unless told otherwise', async () => {
      server = await FakeApiServer.start({ https: true });
      const client = await session(server);
      await http2Get(client, server, '/version');
      expect(client.remoteSettings.maxConcurrentStreams).toBe(250);
      const limited = await FakeApiServer.start({ https: true, maxConcurrentStreams: 3 });
      try {
        const limitedClient = await session(limited);
        await http2Get(limitedClient, limited, '/version');
        expect(limitedClient.remoteSettings.maxConcurrentStreams).toBe(3);
      } finally {
        await limited.close();
      }
    });

    it('should refuse protocols it cannot serve with a typed error', async () => {
      await expect(FakeApiServer.start({ protocols: ['h2'] })).rejects.toSatisfy(
        (error) => FakeApiServerOptionsError.isInstance(error) && error.option === 'protocols',
      );
      await expect(FakeApiServer.start({ https: true, protocols: [] })).rejects.toSatisfy(
        FakeApiServerOptionsError.isInstance,
      );
    });
  });

  describe('over h2', () => {
    it('should list, require the token, and stream a watch event by event', async () => {
      server = await FakeApiServer.start({ https: true });
      await server.seed(generatePods({ count: 120, namespaces: 2 }));
      const client = await session(server);
      const list = await http2Get(client, server, '/api/v1/pods?limit=100');
      expect(list.status).toBe(200);
      expect(list.headers['content-type']).toBe('application/json');
      const body = list.body as { items: unknown[]; metadata: { continue?: string } };
      expect(body.items).toHaveLength(100);
      expect(body.metadata.continue).toEqual(expect.any(String));
      const unauthenticated = await new Promise<number>((resolve) => {
        const stream = client.request({ ':path': '/api/v1/pods' });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.resume();
        stream.end();
      });
      expect(unauthenticated).toBe(401);

      const watch = await http2Watch(
        client,
        server,
        `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${server.resourceVersion}`,
      );
      expect(watch.status).toBe(200);
      // One event at a time: each must arrive before the next change is made.
      for (const name of ['one', 'two', 'three']) {
        server.create(configMap(name));
        const events = await watch.waitFor(watch.events.length + 1);
        expect(events.at(-1)).toMatchObject({ type: 'ADDED', object: { metadata: { name } } });
      }
      watch.close();
    });

    it('should carry many requests and watches on one connection, as the read-out shows', async () => {
      server = await FakeApiServer.start({ https: true });
      const client = await session(server);
      const path = '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0';
      const watches = await Promise.all(
        Array.from({ length: 5 }, () => http2Watch(client, server as FakeApiServer, path)),
      );
      await http2Get(client, server, '/api/v1/configmaps');
      expect(server.connections()).toEqual([
        { id: expect.any(Number), protocol: 'h2', stalled: false, openStreams: 5, requests: 6 },
      ]);
      expect(server.openWatches).toBe(5);
      expect(server.watchRequests).toBe(5);
      for (const watch of watches) watch.close();
      await expect.poll(() => server?.connections()[0]?.openStreams).toBe(0);
      expect(server.watchRequests).toBe(5);
    });

    it('should end the watches of a client that closed its connection', async () => {
      server = await FakeApiServer.start({ https: true });
      const client = await session(server);
      await http2Watch(client, server, '/api/v1/configmaps?watch=true');
      expect(server.openWatches).toBe(1);
      client.destroy();
      await expect.poll(() => server?.openWatches).toBe(0);
      expect(server.connections()).toEqual([]);
    });

    it('should record which protocol each request came over', async () => {
      server = await FakeApiServer.start({ https: true });
      await http2Get(await session(server), server, '/api');
      await https1Get(server, '/apis', ['http/1.1']);
      expect(server.requests.map((request) => [request.path, request.protocol])).toEqual([
        ['/api', 'h2'],
        ['/apis', 'http/1.1'],
      ]);
    });
  });

  describe('stallConnections', () => {
    it('should leave an h2 connection open but silent: no PING ACK, no event, no FIN', async () => {
      server = await FakeApiServer.start({ https: true });
      const stalled = await session(server);
      expect(await sendPing(stalled).acknowledged).toBe(true);
      const path = `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${server.resourceVersion}`;
      const watch = await http2Watch(stalled, server, path);
      let socketEnded = false;
      stalled.socket.on('end', () => {
        socketEnded = true;
      });
      stalled.socket.on('close', () => {
        socketEnded = true;
      });

      expect(server.stallConnections()).toBe(1);
      expect(server.stallConnections()).toBe(0);
      expect(server.connections()).toMatchObject([{ protocol: 'h2', stalled: true }]);
      const ping = sendPing(stalled);
      server.create(configMap('after-stall'));

      // A new connection works, and sees the change; by the time it has made two more round
      // trips, the stalled one would have had its answers too.
      const fresh = await session(server);
      const freshWatch = await http2Watch(
        fresh,
        server,
        path.replace(/resourceVersion=\d+/, 'resourceVersion=0'),
      );
      await freshWatch.waitFor(1);
      expect(await sendPing(fresh).acknowledged).toBe(true);
      expect((await http2Get(fresh, server, '/version')).status).toBe(200);

      expect(ping.settled()).toBe(false);
      expect(watch.events).toEqual([]);
      expect(socketEnded).toBe(false);
      expect(stalled.closed || stalled.destroyed).toBe(false);
      expect(server.connections().map((connection) => connection.stalled)).toEqual([true, false]);
    });

    it('should silence a plain HTTP/1.1 watch without closing it, and let close() end everything', async () => {
      server = await FakeApiServer.start();
      const watch = await openWatchStream(
        server.url,
        `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${server.resourceVersion}`,
      );
      server.create(configMap('before'));
      await watch.waitFor(1);
      expect(server.stallConnections()).toBe(1);
      server.create(configMap('after'));
      const fresh = await openWatchStream(
        server.url,
        '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0',
      );
      await fresh.waitFor(2);
      expect((await sendRequest(server.url, 'GET', '/version')).status).toBe(200);
      expect(watch.events.map((event) => event.object.metadata?.name)).toEqual(['before']);
      let ended = false;
      void watch.ended.then(() => {
        ended = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(ended).toBe(false);
      fresh.close();

      await server.close();
      server = undefined;
      await watch.ended;
      expect(ended).toBe(true);
    });

    it('should close a stalled connection once its client closes it', async () => {
      server = await FakeApiServer.start({ https: true });
      const client = await session(server);
      await http2Watch(client, server, '/api/v1/configmaps?watch=true');
      expect(server.openWatches).toBe(1);
      server.stallConnections();
      client.destroy();
      await expect.poll(() => server?.connections().length).toBe(0);
      await expect.poll(() => server?.openWatches).toBe(0);
    });
  });

  describe('connections over HTTP/1.1', () => {
    it('should count the requests a keep-alive connection carried', async () => {
      server = await FakeApiServer.start();
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let count = 0; count < 3; count += 1) {
          const status = await new Promise<number>((resolve, reject) => {
            get(`${server?.url ?? ''}/version`, { agent }, (response) => {
              response.resume();
              response.on('end', () => resolve(response.statusCode ?? 0));
            }).on('error', reject);
          });
          expect(status).toBe(200);
        }
        expect(server.connections()).toEqual([
          {
            id: expect.any(Number),
            protocol: 'http/1.1',
            stalled: false,
            openStreams: 0,
            requests: 3,
          },
        ]);
      } finally {
        agent.destroy();
      }
      await expect.poll(() => server?.connections()).toEqual([]);
    });
  });
});
