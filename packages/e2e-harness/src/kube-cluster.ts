import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiRequest, type ApiEndpoint, type ApiResponse } from './api-request';
import { createClusterCredentials } from './cluster-credentials';
import { E2eHarnessError } from './e2e-harness-error';
import { EtcdServer } from './etcd-server';
import { freePort } from './free-port';
import { kubeApiserverArgs } from './kube-apiserver-args';
import { buildKubeconfig } from './kubeconfig';
import { ManagedProcess } from './managed-process';
import { resolveKubeBinaries, type KubeBinaries } from './resolve-binaries';
import { waitUntil } from './wait-until';

/**
 * Options of {@link startKubeCluster}.
 *
 * @since 0.1.0
 */
export interface KubeClusterOptions {
  /** `RBAC` (default; the admin token is in `system:masters`) or `AlwaysAllow`. */
  authorizationMode?: 'RBAC' | 'AlwaysAllow';
  /** More kube-apiserver flags (a later flag wins). */
  extraApiserverArgs?: readonly string[];
  /** How long to wait for the server to become ready, per start (default 180 s). */
  readyTimeoutMs?: number;
  /** Keep the temp dir (logs, kubeconfig) after `stop()`; also `KUBE_CACHE_E2E_KEEP=1`. */
  keepDirectory?: boolean;
  /** Binaries to use instead of {@link resolveKubeBinaries}'s. */
  binaries?: KubeBinaries;
}

/**
 * A running etcd + kube-apiserver on loopback, and the handles a test needs to disturb them.
 *
 * @since 0.1.0
 */
export interface KubeCluster {
  /** A kubeconfig (JSON) for the admin token; load it with `KubeConfig.loadFromFile`. */
  readonly kubeconfigPath: string;
  /** A kubeconfig for a token with no permissions beyond discovery (403 under RBAC). */
  readonly unprivilegedKubeconfigPath: string;
  /** The server URL, e.g. `https://127.0.0.1:41234`; stays the same across restarts. */
  readonly server: string;
  /** The admin bearer token (group `system:masters`). */
  readonly token: string;
  /** A token with no permissions beyond discovery (403 on resources under RBAC). */
  readonly unprivilegedToken: string;
  /** The PEM clients must trust. */
  readonly certificateAuthorityPem: string;
  /** The temp dir holding logs, keys and kubeconfigs. */
  readonly directory: string;
  /** The binaries in use. */
  readonly binaries: KubeBinaries;
  /** Stops kube-apiserver and starts it again on the same port; resolves once it is ready. */
  restartApiserver(): Promise<void>;
  /** Stops kube-apiserver (clients get connection refused until {@link startApiserver}). */
  stopApiserver(): Promise<void>;
  /** Starts a stopped kube-apiserver again on the same port; resolves once it is ready. */
  startApiserver(): Promise<void>;
  /** Compacts etcd's history up to its current revision; resolves with that revision. */
  compactEtcd(): Promise<number>;
  /** etcd's current revision. */
  etcdRevision(): Promise<number>;
  /** A plain HTTPS request as the admin, independent of the code under test. */
  request(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Stops both processes and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts etcd and kube-apiserver (1.20.2, built once and cached, or your own through
 * `KUBE_APISERVER` / `ETCD`) on free loopback ports, with a self-signed serving certificate, a
 * service-account key pair and a static admin token, writes a kubeconfig, and waits until the
 * server is ready and the `default` namespace exists.
 *
 * @param options - authorization mode, extra flags, timeouts.
 * @returns the running cluster; call `stop()` when done.
 * @throws E2eHarnessError when a binary cannot be had or a server does not become ready.
 * @example
 * ```ts
 * const cluster = await startKubeCluster();
 * const kubeConfig = new KubeConfig();
 * kubeConfig.loadFromFile(cluster.kubeconfigPath);
 * // ... test against the real server ...
 * await cluster.stop();
 * ```
 * @since 0.1.0
 */
export async function startKubeCluster(options: KubeClusterOptions = {}): Promise<KubeCluster> {
  const binaries = options.binaries ?? (await resolveKubeBinaries());
  const directory = await mkdtemp(join(tmpdir(), 'kube-cache-e2e-'));
  // etcd fsyncs every write; on a tmpfs thousands of creates take seconds, not minutes.
  const etcdParent = existsSync('/dev/shm') ? '/dev/shm' : directory;
  const etcdDataDirectory = await mkdtemp(join(etcdParent, 'kube-cache-e2e-etcd-'));
  const keep = options.keepDirectory ?? process.env['KUBE_CACHE_E2E_KEEP'] === '1';
  const removeDirectories = (): void => {
    rmSync(etcdDataDirectory, { recursive: true, force: true });
    if (!keep) rmSync(directory, { recursive: true, force: true });
  };
  process.once('exit', removeDirectories);

  let etcd: EtcdServer | undefined;
  let apiserver: ManagedProcess | undefined;
  const stopAll = async (): Promise<void> => {
    await apiserver?.stop();
    await etcd?.stop();
  };
  try {
    const credentials = await createClusterCredentials(directory);
    etcd = await EtcdServer.start({
      binary: binaries.etcd,
      dataDirectory: etcdDataDirectory,
      logFile: join(directory, 'etcd.log'),
    });
    const runningEtcd = etcd;
    const certDir = join(directory, 'apiserver-certs');
    await mkdir(certDir, { recursive: true });
    const apiserverLog = join(directory, 'kube-apiserver.log');
    const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;

    let securePort = 0;
    const endpoint = (): ApiEndpoint => ({
      server: `https://127.0.0.1:${securePort}`,
      token: credentials.adminToken,
      certificateAuthorityPem: credentials.servingCertPem,
    });
    const launch = async (): Promise<void> => {
      const child = new ManagedProcess({
        command: binaries.kubeApiserver,
        logFile: apiserverLog,
        args: kubeApiserverArgs({
          version: binaries.version,
          etcdUrl: runningEtcd.clientUrl,
          securePort,
          tlsCertFile: credentials.servingCertFile,
          tlsKeyFile: credentials.servingKeyFile,
          serviceAccountPublicKeyFile: credentials.serviceAccountPublicKeyFile,
          serviceAccountPrivateKeyFile: credentials.serviceAccountPrivateKeyFile,
          tokenAuthFile: credentials.tokenAuthFile,
          certDir,
          authorizationMode: options.authorizationMode ?? 'RBAC',
          ...(options.extraApiserverArgs === undefined
            ? {}
            : { extraArgs: options.extraApiserverArgs }),
        }),
      });
      apiserver = child;
      try {
        await waitUntil(
          async () => {
            if (child.exit !== undefined)
              throw new Error(`kube-apiserver exited (${JSON.stringify(child.exit)})`);
            const ready = await apiRequest(endpoint(), 'GET', '/readyz');
            if (ready.status !== 200) return false;
            const namespace = await apiRequest(endpoint(), 'GET', '/api/v1/namespaces/default');
            return namespace.status === 200;
          },
          {
            timeoutMs: readyTimeoutMs,
            intervalMs: 250,
            description: `kube-apiserver on port ${securePort} to be ready`,
          },
        );
      } catch (error) {
        const exit = child.exit;
        await child.stop();
        throw new E2eHarnessError(
          `kube-apiserver did not become ready${exit === undefined ? '' : ` (it exited: ${JSON.stringify(exit)})`}; ` +
            `log ${apiserverLog}:\n${child.logTail()}`,
          { cause: error },
        );
      }
    };

    // A port lost to a race between freePort() and the bind is retried with a new one.
    for (let attempt = 0; ; attempt += 1) {
      securePort = await freePort();
      try {
        await launch();
        break;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }

    const server = endpoint().server;
    const kubeconfigPath = join(directory, 'kubeconfig.json');
    const unprivilegedKubeconfigPath = join(directory, 'kubeconfig-unprivileged.json');
    const certificateAuthorityPem = credentials.servingCertPem;
    await writeFile(
      kubeconfigPath,
      JSON.stringify(
        buildKubeconfig({ server, certificateAuthorityPem, token: credentials.adminToken }),
        null,
        2,
      ),
      { mode: 0o600 },
    );
    await writeFile(
      unprivilegedKubeconfigPath,
      JSON.stringify(
        buildKubeconfig({
          server,
          certificateAuthorityPem,
          token: credentials.unprivilegedToken,
          name: 'kube-cache-e2e-unprivileged',
        }),
        null,
        2,
      ),
      { mode: 0o600 },
    );

    let stopped = false;
    const stopApiserver = async (): Promise<void> => {
      await apiserver?.stop();
    };
    const startApiserver = async (): Promise<void> => {
      if (stopped) throw new E2eHarnessError('the cluster was stopped');
      if (apiserver !== undefined && apiserver.exit === undefined) return;
      await launch();
    };
    return {
      kubeconfigPath,
      unprivilegedKubeconfigPath,
      server,
      token: credentials.adminToken,
      unprivilegedToken: credentials.unprivilegedToken,
      certificateAuthorityPem,
      directory,
      binaries,
      stopApiserver,
      startApiserver,
      async restartApiserver() {
        await stopApiserver();
        await startApiserver();
      },
      compactEtcd: () => runningEtcd.compact(),
      etcdRevision: () => runningEtcd.currentRevision(),
      request: (method, path, body) => apiRequest(endpoint(), method, path, body),
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
        process.removeListener('exit', removeDirectories);
        await rm(etcdDataDirectory, { recursive: true, force: true });
        if (!keep) await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    process.removeListener('exit', removeDirectories);
    removeDirectories();
    throw error;
  }
}
