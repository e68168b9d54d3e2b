import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as ClientNode from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * How to reach a fake API server: URL, optional CA certificate and bearer token.
 */
export interface ServerAccess {
  readonly url: string;
  readonly certificateAuthority: string | undefined;
  readonly token: string | undefined;
}

/**
 * The kubeconfig document for a server, as a plain object (JSON is valid kubeconfig YAML).
 *
 * @param access - URL, CA and token.
 * @returns the kubeconfig document.
 */
export function kubeconfigDocument(access: ServerAccess): Record<string, unknown> {
  const cluster: Record<string, unknown> = { server: access.url };
  // client-node refuses a plain-http server unless TLS verification is off (kubectl ignores it).
  if (access.certificateAuthority === undefined) cluster['insecure-skip-tls-verify'] = true;
  if (access.certificateAuthority !== undefined) {
    cluster['certificate-authority-data'] = Buffer.from(access.certificateAuthority).toString(
      'base64',
    );
  }
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster }],
    users: [{ name: 'fake', user: access.token === undefined ? {} : { token: access.token } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: 'default' } }],
    'current-context': 'fake',
    preferences: {},
  };
}

/**
 * Writes the kubeconfig file for a server, readable only by its owner (it may hold the token).
 *
 * @param path - where to write it.
 * @param access - URL, CA and token.
 */
export async function writeKubeconfigFile(path: string, access: ServerAccess): Promise<void> {
  await writeFile(path, `${JSON.stringify(kubeconfigDocument(access), null, 2)}\n`, {
    mode: 0o600,
  });
}

/**
 * Builds a `@kubernetes/client-node` `KubeConfig` for a server. The client is an optional peer
 * dependency, loaded only here (synchronously, with `require` of the ESM package, which Node
 * 20.19+ supports), so the rest of the package works without it.
 *
 * @param access - URL, CA and token.
 * @returns the KubeConfig.
 * @throws Error when `@kubernetes/client-node` is not installed.
 */
export function createKubeConfig(access: ServerAccess): KubeConfig {
  const require = createRequire(import.meta.url);
  const clientNode = require('@kubernetes/client-node') as typeof ClientNode;
  const kubeConfig = new clientNode.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'fake',
        server: access.url,
        // client-node refuses plain http unless TLS verification is off; with HTTPS it stays on.
        skipTLSVerify: access.certificateAuthority === undefined,
        ...(access.certificateAuthority === undefined
          ? {}
          : { caData: Buffer.from(access.certificateAuthority).toString('base64') }),
      },
    ],
    users: [{ name: 'fake', ...(access.token === undefined ? {} : { token: access.token }) }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake', namespace: 'default' }],
    currentContext: 'fake',
  });
  return kubeConfig;
}
