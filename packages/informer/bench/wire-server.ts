// The wire benchmark's API server, run in its own process (forked by wire-server-process.ts) so
// that none of its work runs on the clients' thread. It serves pre-encoded pods as fast as the
// socket takes them, over TLS (ALPN `h2` and `http/1.1`, one node:http2 secure server with
// allowHTTP1) and over plain HTTP/1.1.
//
// The server URL of a measurement carries the path and the size: `/bench/<list|watch>/<count>`
// in front of `/api/v1/pods`, so one server answers every measurement:
// - `list`: the list is `count` pods (resourceVersion count + 1); a watch from any version idles.
// - `watch`: the list is empty (resourceVersion "1"); a watch from "1" streams `count` ADDED events
//   (and a BOOKMARK when asked for), then idles; a watch from any other version idles.
// The `limit` of a list is ignored, as kube-apiserver does for resourceVersion "0" (served from
// its watch cache), so a list is always one response. No compression.
//
// Watch framing (`batch`, the default, or `event`): kube-apiserver encodes each watch event and
// flushes it on its own (one HTTP/1.1 chunk, one HTTP/2 DATA frame per event), so a client's
// stream layer sees one chunk per event however fast they come. `event` does the same: one write
// per event, waiting for `drain` when the socket is full. `batch` hands all the events to the
// socket in one write, so the client reads them in 16 to 64 KiB pieces of many events each: a
// friendlier wire than any real server's, but the fastest the server can serve (the issue's
// "as fast as it can"), and the framing of the runs recorded in BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { generateBenchPods } from './bench-pods';
import type { ServerMessage, ServerStats } from './wire-server-messages';

const [countArgument, certificateFile, keyFile, framingArgument = 'batch'] = process.argv.slice(2);
const maximumCount = Number(countArgument);
if (
  !Number.isInteger(maximumCount) ||
  certificateFile === undefined ||
  keyFile === undefined ||
  (framingArgument !== 'event' && framingArgument !== 'batch')
) {
  throw new Error('usage: wire-server.ts <pods> <certificate.pem> <key.pem> [event|batch]');
}
const framing: 'event' | 'batch' = framingArgument;

const comma = Buffer.from(',');
const addedPrefix = Buffer.from('{"type":"ADDED","object":');
const eventSuffix = Buffer.from('}\n');

// Pods get resourceVersions 2, 3, ...: "1" is the empty list of the watch path.
const podJson = generateBenchPods(maximumCount, 2).map((pod) => Buffer.from(JSON.stringify(pod)));
/** All pods as list items (`pod,pod,...`), and where the first k of them end. */
const items = Buffer.concat(podJson.flatMap((pod, index) => (index === 0 ? [pod] : [comma, pod])));
const itemEnds: number[] = [];
/** All pods as watch lines, and where the first k of them end. */
const events = Buffer.concat(podJson.flatMap((pod) => [addedPrefix, pod, eventSuffix]));
const eventEnds: number[] = [];
{
  let itemEnd = 0;
  let eventEnd = 0;
  for (const [index, pod] of podJson.entries()) {
    itemEnd += pod.length + (index === 0 ? 0 : 1);
    eventEnd += addedPrefix.length + pod.length + eventSuffix.length;
    itemEnds.push(itemEnd);
    eventEnds.push(eventEnd);
  }
}
const bytesPerPod = items.length / Math.max(1, maximumCount);
podJson.length = 0;

let requests: Record<string, number> = {};
let connections: Record<string, number> = {};
const count = (table: Record<string, number>, key: string): void => {
  table[key] = (table[key] ?? 0) + 1;
};

/** What the handler needs of an HTTP/1.1 or HTTP/2 (compatibility API) response. */
interface BenchResponse {
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  write(chunk: Uint8Array | string): boolean;
  end(chunk: Uint8Array | string): unknown;
  on(event: 'error', listener: () => void): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  /** HTTP/1.1 only; the HTTP/2 compatibility response sends its headers at writeHead. */
  flushHeaders?(): void;
}

const route = /^\/bench\/(list|watch)\/(\d+)\/api\/v1\/pods$/;

function handle(
  scheme: 'https' | 'http',
  request: http.IncomingMessage | http2.Http2ServerRequest,
  response: BenchResponse,
): void {
  response.on('error', () => undefined);
  const url = new URL(request.url ?? '/', 'http://bench');
  const match = route.exec(url.pathname);
  const size = Number(match?.[2] ?? Number.NaN);
  if (match === null || !(size >= 0 && size <= maximumCount)) {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }),
    );
    return;
  }
  const path = match[1];
  const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  const protocol = request.httpVersion === '2.0' ? 'h2' : 'http/1.1';
  count(requests, `${scheme} ${protocol} ${watch ? 'watch' : 'list'}`);
  response.writeHead(200, { 'content-type': 'application/json' });
  if (!watch) {
    const listed = path === 'list' ? size : 0;
    const resourceVersion = path === 'list' ? String(size + 1) : '1';
    response.write(
      `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"${resourceVersion}"},"items":[`,
    );
    if (listed > 0) response.write(items.subarray(0, itemEnds[listed - 1]));
    response.end(']}');
    return;
  }
  // A watch: headers now (clients wait for them before reading), events if this is the watch
  // path's stream, then the response stays open until the client goes away.
  if (path === 'watch' && url.searchParams.get('resourceVersion') === '1' && size > 0) {
    const bookmark =
      url.searchParams.get('allowWatchBookmarks') === 'true'
        ? `{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"${size + 1}"}}}\n`
        : undefined;
    if (framing === 'batch') {
      response.write(events.subarray(0, eventEnds[size - 1]));
      if (bookmark !== undefined) response.write(bookmark);
    } else {
      void writeEventByEvent(response, size, bookmark);
    }
  } else {
    response.flushHeaders?.();
  }
}

/** Writes the first `size` watch events one write each, as kube-apiserver flushes them. */
async function writeEventByEvent(
  response: BenchResponse,
  size: number,
  bookmark: string | undefined,
): Promise<void> {
  let closed = false;
  let wake: (() => void) | undefined;
  response.once('close', () => {
    closed = true;
    wake?.();
  });
  let start = 0;
  for (let index = 0; index < size && !closed; index += 1) {
    const end = eventEnds[index] ?? start;
    if (!response.write(events.subarray(start, end))) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        response.once('drain', resolve);
      });
      wake = undefined;
    }
    start = end;
  }
  if (bookmark !== undefined && !closed) response.write(bookmark);
}

const certificate = readFileSync(certificateFile);
const key = readFileSync(keyFile);
const secureServer = http2.createSecureServer(
  { cert: certificate, key, allowHTTP1: true, ALPNProtocols: ['h2', 'http/1.1'] },
  (request, response) => handle('https', request, response),
);
secureServer.on('secureConnection', (socket: TLSSocket) => {
  const protocol = socket.alpnProtocol === false ? 'http/1.1 (no ALPN)' : socket.alpnProtocol;
  count(connections, `https ${protocol}`);
});
secureServer.on('sessionError', () => undefined);
const plainServer = http.createServer((request, response) => handle('http', request, response));
plainServer.on('connection', () => count(connections, 'http http/1.1'));
plainServer.keepAliveTimeout = 60_000;

const listen = (server: http.Server | http2.Http2SecureServer): Promise<number> =>
  new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
const [tlsPort, plainPort] = await Promise.all([listen(secureServer), listen(plainServer)]);

const send = (message: ServerMessage): void => {
  process.send?.(message);
};
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stats') return;
  const stats: ServerStats = { requests, connections };
  requests = {};
  connections = {};
  send({ type: 'stats', stats });
});
// The bench kills this process at the end; never outlive it.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', tlsPort, plainPort, pods: maximumCount, bytesPerPod, framing });
