/**
 * What a kubeconfig for the e2e cluster needs.
 *
 * @since 0.1.0
 */
export interface KubeconfigOptions {
  /** The API server's URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** PEM of the CA (here: the self-signed serving certificate) that the client trusts. */
  certificateAuthorityPem: string;
  /** The bearer token of the user. */
  token: string;
  /** Names the cluster, user and context (default `kube-cache-e2e`). */
  name?: string;
  /** The context's default namespace (default `default`). */
  namespace?: string;
}

/**
 * Builds a kubeconfig document (as a plain object; JSON is valid YAML, so it can be written with
 * `JSON.stringify` and read by any client) for one cluster, one token user, and one context.
 *
 * @param options - server, CA, token, names.
 * @returns the kubeconfig, with its one context current.
 * @example
 * ```ts
 * writeFileSync(path, JSON.stringify(buildKubeconfig({ server, certificateAuthorityPem, token })));
 * ```
 * @since 0.1.0
 */
export function buildKubeconfig(options: KubeconfigOptions): Record<string, unknown> {
  const name = options.name ?? 'kube-cache-e2e';
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: options.server,
          'certificate-authority-data': Buffer.from(
            options.certificateAuthorityPem,
            'utf8',
          ).toString('base64'),
        },
      },
    ],
    users: [{ name, user: { token: options.token } }],
    contexts: [
      { name, context: { cluster: name, user: name, namespace: options.namespace ?? 'default' } },
    ],
    'current-context': name,
    preferences: {},
  };
}
