// The floor: what any client must do at least. node:http/node:https (HTTP/1.1), the list body
// joined and parsed once, the watch stream split on newlines in the Buffers and each line
// JSON.parse'd, every pod put in a Map under namespace/name. No validation, no error handling
// beyond failing.
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { WireContender, WireTarget } from './contender';

interface PodLike {
  metadata: { name: string; namespace: string };
}

function get(
  url: URL,
  certificateAuthority: string | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const options = { signal, headers: { accept: 'application/json' } };
    const request =
      url.protocol === 'https:'
        ? https.get(url, { ...options, ca: certificateAuthority }, resolve)
        : http.get(url, options, resolve);
    request.once('error', reject);
  });
}

/**
 * The floor contender.
 *
 * @param scheme - TLS or plain http.
 * @returns the contender.
 */
export function floorContender(scheme: 'https' | 'http'): WireContender {
  let pods = new Map<string, PodLike>();
  let controller = new AbortController();
  let watching: Promise<void> = Promise.resolve();

  async function watch(
    target: WireTarget,
    resourceVersion: string,
    onAdd: () => void,
  ): Promise<void> {
    const url = new URL(
      `${target.server}/api/v1/pods?watch=true&resourceVersion=${resourceVersion}&allowWatchBookmarks=true`,
    );
    const response = await get(url, target.certificateAuthority, controller.signal);
    let tail: Buffer | undefined;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      let buffer = tail === undefined ? chunk : Buffer.concat([tail, chunk]);
      let start = 0;
      for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
        const event = JSON.parse(buffer.toString('utf8', start, end)) as {
          type: string;
          object: PodLike;
        };
        start = end + 1;
        if (event.type !== 'ADDED') continue;
        const { metadata } = event.object;
        pods.set(`${metadata.namespace}/${metadata.name}`, event.object);
        onAdd();
      }
      buffer = buffer.subarray(start);
      tail = buffer.length === 0 ? undefined : buffer;
    }
  }

  return {
    name: `floor: node:${scheme} + split + JSON.parse into a Map`,
    scheme,
    unavailable: () => Promise.resolve(undefined),
    async start(target: WireTarget, onAdd: () => void): Promise<void> {
      controller = new AbortController();
      pods = new Map();
      const url = new URL(`${target.server}/api/v1/pods?resourceVersion=0`);
      const response = await get(url, target.certificateAuthority, controller.signal);
      const chunks: Buffer[] = [];
      for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
      const list = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        metadata: { resourceVersion: string };
        items: PodLike[];
      };
      for (const pod of list.items) {
        pods.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
        onAdd();
      }
      watching = watch(target, list.metadata.resourceVersion, onAdd).catch((error: unknown) => {
        if (!controller.signal.aborted) console.error(error);
      });
    },
    async stop(): Promise<void> {
      controller.abort();
      await watching;
      pods = new Map();
    },
  };
}
