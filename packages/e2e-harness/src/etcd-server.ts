import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { E2eHarnessError } from './e2e-harness-error';
import { freePort } from './free-port';
import { readLogTail } from './log-tail';
import { ManagedProcess } from './managed-process';
import { waitUntil } from './wait-until';

/**
 * Options of {@link EtcdServer.start}.
 */
export interface EtcdServerOptions {
  /** The etcd binary. */
  binary: string;
  /** A private, empty directory for etcd's data (a tmpfs makes the tests faster). */
  dataDirectory: string;
  /** The log file. */
  logFile: string;
  /** How long to wait for `/health` (default 60 s). */
  readyTimeoutMs?: number;
}

interface EtcdResponseHeader {
  header?: { revision?: string | number };
}

/**
 * One single-member etcd on free loopback ports, driven through its v3 HTTP gateway (no
 * `etcdctl` needed).
 */
export class EtcdServer {
  readonly #process: ManagedProcess;
  /** The client URL, e.g. `http://127.0.0.1:40123`. */
  readonly clientUrl: string;
  /** The log file of the process. */
  readonly logFile: string;

  private constructor(process: ManagedProcess, clientUrl: string, logFile: string) {
    this.#process = process;
    this.clientUrl = clientUrl;
    this.logFile = logFile;
  }

  /**
   * Starts etcd and waits until it reports healthy. A port lost to a race is retried with new
   * ports, up to three times.
   *
   * @param options - binary, directory, timeout.
   * @returns the running server.
   * @throws E2eHarnessError when etcd exits or does not become healthy, with its log tail.
   */
  static async start(options: EtcdServerOptions): Promise<EtcdServer> {
    const { logFile } = options;
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const dataDir = join(options.dataDirectory, `attempt-${attempt}`);
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      const clientPort = await freePort();
      const peerPort = await freePort();
      const clientUrl = `http://127.0.0.1:${clientPort}`;
      const peerUrl = `http://127.0.0.1:${peerPort}`;
      const child = new ManagedProcess({
        command: options.binary,
        logFile,
        args: [
          '--name=kube-cache-e2e',
          `--data-dir=${dataDir}`,
          `--listen-client-urls=${clientUrl}`,
          `--advertise-client-urls=${clientUrl}`,
          `--listen-peer-urls=${peerUrl}`,
          `--initial-advertise-peer-urls=${peerUrl}`,
          `--initial-cluster=kube-cache-e2e=${peerUrl}`,
          '--initial-cluster-state=new',
        ],
      });
      const server = new EtcdServer(child, clientUrl, logFile);
      try {
        await waitUntil(
          async () => {
            if (child.exit !== undefined)
              throw new Error(`etcd exited (${JSON.stringify(child.exit)})`);
            const response = await fetch(`${clientUrl}/health`);
            const body = (await response.json()) as { health?: unknown };
            return body.health === 'true' || body.health === true;
          },
          {
            timeoutMs: options.readyTimeoutMs ?? 60_000,
            description: `etcd at ${clientUrl} to be healthy`,
          },
        );
        return server;
      } catch (error) {
        lastError = error;
        await child.stop();
      }
    }
    throw new E2eHarnessError(`etcd did not start; log ${logFile}:\n${readLogTail(logFile)}`, {
      cause: lastError,
    });
  }

  /**
   * The current revision of the etcd store.
   *
   * @returns the revision (the `header.revision` of a range request).
   * @throws E2eHarnessError when etcd does not answer.
   */
  async currentRevision(): Promise<number> {
    const body = await this.#post('/v3/kv/range', {
      key: Buffer.from('kube-cache-e2e-probe').toString('base64'),
    });
    const revision = Number(body.header?.revision);
    if (!Number.isSafeInteger(revision) || revision <= 0) {
      throw new E2eHarnessError(`etcd answered no revision: ${JSON.stringify(body)}`);
    }
    return revision;
  }

  /**
   * Compacts the etcd history up to `revision` (default: the current revision), physically, so
   * that a watch or list from an older resourceVersion is answered with `410 Gone` once the
   * API server reaches etcd for it.
   *
   * @param revision - compact up to this revision (default: current).
   * @returns the revision compacted to.
   * @throws E2eHarnessError when etcd refuses.
   */
  async compact(revision?: number): Promise<number> {
    const target = revision ?? (await this.currentRevision());
    await this.#post('/v3/kv/compaction', { revision: String(target), physical: true });
    return target;
  }

  /**
   * Stops etcd (SIGTERM, then SIGKILL).
   *
   * @returns once the process has ended.
   */
  async stop(): Promise<void> {
    await this.#process.stop();
  }

  async #post(path: string, body: unknown): Promise<EtcdResponseHeader> {
    let response: Response;
    try {
      response = await fetch(`${this.clientUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new E2eHarnessError(`etcd ${path} failed`, { cause: error });
    }
    const text = await response.text();
    if (!response.ok)
      throw new E2eHarnessError(`etcd ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as EtcdResponseHeader;
  }
}
