// A hostile or broken server (issue 9, item 6): a watch line that never ends, a list body that
// never ends, and bodies that echo the request's bearer token. Real sockets on 127.0.0.1.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatch } from './list-watch';
import { ResponseDecodeError } from '../errors/response-decode-error';
import { WatchDecodeError } from '../errors/watch-decode-error';

const token = 'sekret-token-0123456789';
const limit = 1024 * 1024;

interface Served {
  url: string;
  /** Resolves with the bytes written once the client closed the connection. */
  closed: Promise<number>;
  /** The Authorization headers received. */
  authorizations: string[];
}

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  server = undefined;
});

/** A server whose every answer is 200 with `head`, then `filler` forever (or `body` once). */
async function serve(answer: { head: string; filler?: string; echo?: boolean }): Promise<Served> {
  let resolveClosed: (bytes: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    resolveClosed = resolve;
  });
  const authorizations: string[] = [];
  server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    response.writeHead(200, { 'content-type': 'application/json' });
    let written = 0;
    const write = (text: string): boolean => {
      written += Buffer.byteLength(text);
      return response.write(text);
    };
    response.on('close', () => resolveClosed(written));
    if (answer.echo === true) {
      write(`${answer.head}${request.headers.authorization ?? ''}\n`);
      response.end();
      return;
    }
    write(answer.head);
    const filler = (answer.filler ?? '').repeat(64 * 1024);
    const pump = (): void => {
      while (!response.destroyed && write(filler));
      if (!response.destroyed) response.once('drain', pump);
    };
    pump();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, closed, authorizations };
}

function listWatchFor(url: string) {
  const kubeConfig = {
    getCurrentCluster: () => ({ server: url }),
    applyToHTTPSOptions: (options: http.RequestOptions): Promise<void> => {
      options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
      return Promise.resolve();
    },
  };
  return createListWatch(
    kubeConfig,
    { apiVersion: 'v1', plural: 'configmaps' },
    { maxWatchLineBytes: limit, maxListBytes: limit },
  );
}

async function firstFailure(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _event of iterable) {
      // only the failure matters
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createListWatch against a hostile server', () => {
  it('should fail a watch line that never ends at maxWatchLineBytes and close the connection', async () => {
    const served = await serve({
      head: '{"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"a"}}}\n{"type":"ADDED","object":{"data":"',
      filler: 'x',
    });
    const stream = await listWatchFor(served.url).watch({}, new AbortController().signal);
    const error = await firstFailure(stream);

    expect(WatchDecodeError.isInstance(error)).toBe(true);
    expect((error as WatchDecodeError).maxLineBytes).toBe(limit);
    expect((error as WatchDecodeError).message).toContain(`limit of ${limit} bytes`);
    // The client let go: the server saw the connection close after a bounded amount.
    expect(await served.closed).toBeLessThan(64 * limit);
  });

  it('should fail a list body that never ends at maxListBytes and close the connection', async () => {
    const served = await serve({ head: '{"kind":"ConfigMapList","items":[', filler: ' ' });
    const error: unknown = await listWatchFor(served.url)
      .list({}, new AbortController().signal)
      .catch((caught: unknown) => caught);

    expect(ResponseDecodeError.isInstance(error)).toBe(true);
    expect((error as ResponseDecodeError).maxBytes).toBe(limit);
    expect((error as ResponseDecodeError).message).toContain(`limit of ${limit} bytes`);
    expect(await served.closed).toBeLessThan(64 * limit);
  });

  it('should never quote a list body that echoes the bearer token', async () => {
    const served = await serve({ head: 'you sent: ', echo: true });
    const error: unknown = await listWatchFor(served.url)
      .list({}, new AbortController().signal)
      .catch((caught: unknown) => caught);

    expect(served.authorizations).toEqual([`Bearer ${token}`]);
    expect(ResponseDecodeError.isInstance(error)).toBe(true);
    // What a logger prints: message, stack, own fields and the cause.
    expect(inspect(error, { depth: 10 })).not.toContain(token);
  });

  it('should never quote a watch line that echoes the bearer token', async () => {
    const served = await serve({ head: 'you sent: ', echo: true });
    const stream = await listWatchFor(served.url).watch({}, new AbortController().signal);
    const error = await firstFailure(stream);

    expect(served.authorizations).toEqual([`Bearer ${token}`]);
    expect(WatchDecodeError.isInstance(error)).toBe(true);
    // What a logger prints: message, stack, own fields and the cause.
    expect(inspect(error, { depth: 10 })).not.toContain(token);
  });
});
