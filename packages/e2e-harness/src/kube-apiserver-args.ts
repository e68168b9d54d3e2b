/**
 * A Kubernetes version as printed by `kube-apiserver --version` (`Kubernetes v1.20.2`).
 *
 * @since 0.1.0
 */
export interface KubernetesVersion {
  major: number;
  minor: number;
  patch: number;
}

/**
 * Reads the version out of `kube-apiserver --version` output.
 *
 * @param output - the command's output, e.g. `Kubernetes v1.20.2`.
 * @returns the version, or `undefined` when the output names none.
 * @since 0.1.0
 */
export function parseKubernetesVersion(output: string): KubernetesVersion | undefined {
  const match = /v(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/**
 * The files and ports that one kube-apiserver is started with.
 *
 * @since 0.1.0
 */
export interface KubeApiserverArgsOptions {
  /** The version of the binary; flags that changed between versions follow it. */
  version: KubernetesVersion;
  /** etcd's client URL, e.g. `http://127.0.0.1:2379`. */
  etcdUrl: string;
  /** The HTTPS port on 127.0.0.1. */
  securePort: number;
  /** Serving certificate and key (PEM files). */
  tlsCertFile: string;
  tlsKeyFile: string;
  /** The service-account public and private key (PEM files). */
  serviceAccountPublicKeyFile: string;
  serviceAccountPrivateKeyFile: string;
  /** The static token file (`token,user,uid,"group1,group2"` lines). */
  tokenAuthFile: string;
  /** Where the server may write generated certificates (kept inside the temp dir). */
  certDir: string;
  /** `RBAC` (tokens in `system:masters` may do everything) or `AlwaysAllow`. */
  authorizationMode: 'RBAC' | 'AlwaysAllow';
  /** More flags, appended last (a later flag wins). */
  extraArgs?: readonly string[];
}

/**
 * The command line of a kube-apiserver for tests: loopback only, a static token file, a
 * service-account key pair, no automatic etcd compaction (tests compact by hand), no
 * ServiceAccount admission (no controller-manager creates service accounts), and the insecure
 * port switched off on versions that still have one.
 *
 * @param options - version, ports and files.
 * @returns the arguments, without the binary.
 * @since 0.1.0
 */
export function kubeApiserverArgs(options: KubeApiserverArgsOptions): string[] {
  const args = [
    `--etcd-servers=${options.etcdUrl}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${options.securePort}`,
    `--tls-cert-file=${options.tlsCertFile}`,
    `--tls-private-key-file=${options.tlsKeyFile}`,
    `--cert-dir=${options.certDir}`,
    `--token-auth-file=${options.tokenAuthFile}`,
    `--authorization-mode=${options.authorizationMode}`,
    `--service-account-key-file=${options.serviceAccountPublicKeyFile}`,
    `--service-account-signing-key-file=${options.serviceAccountPrivateKeyFile}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--api-audiences=https://kubernetes.default.svc.cluster.local',
    '--service-cluster-ip-range=10.0.0.0/24',
    // The tests decide when etcd is compacted; the server's own compactor would make that racy.
    '--etcd-compaction-interval=0',
    // No controller-manager runs, so no namespace gets its `default` service account; without this
    // every pod create would be refused.
    '--disable-admission-plugins=ServiceAccount',
    '--profiling=false',
  ];
  const { major, minor } = options.version;
  // The insecure HTTP port (8080 by default) exists up to 1.23; the flag is gone from 1.24.
  if (major === 1 && minor < 24) args.push('--insecure-port=0');
  args.push(...(options.extraArgs ?? []));
  return args;
}
