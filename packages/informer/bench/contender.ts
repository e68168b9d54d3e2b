import type { KubeConfig } from '@kubernetes/client-node';

/** Where a contender lists and watches: one measurement's server. */
export interface WireTarget {
  /** The server URL, with the measurement's `/bench/<path>/<count>` prefix. */
  readonly server: string;
  /** The PEM CA certificate to trust (undefined for plain http). */
  readonly certificateAuthority: string | undefined;
  /** A KubeConfig for `server` (with the CA), new for every measurement. */
  readonly kubeConfig: KubeConfig;
}

/** One client under test, in the bench's worker process. */
export interface WireContender {
  /** Shown in the report. */
  readonly name: string;
  /** Whether it talks TLS (https) or plain http to the server. */
  readonly scheme: 'https' | 'http';
  /** Why it cannot run in this build (for example no HTTP/2 transport yet), or undefined. */
  unavailable(): Promise<string | undefined>;
  /**
   * Lists all pods of the target and watches from the list's resourceVersion, calling `onAdd` for
   * every pod it delivers; resolves once the list is in its cache.
   */
  start(target: WireTarget, onAdd: () => void): Promise<void>;
  /** Stops, closes its connections and drops every reference to what it cached. */
  stop(): Promise<void>;
}
