import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { E2eHarnessError } from './e2e-harness-error';
import { runEnsureBinariesScript } from './ensure-binaries-script';
import { parseKubernetesVersion, type KubernetesVersion } from './kube-apiserver-args';

const execFileAsync = promisify(execFile);

/**
 * The binaries the e2e cluster runs.
 *
 * @since 0.1.0
 */
export interface KubeBinaries {
  /** Path of the etcd binary. */
  etcd: string;
  /** Path of the kube-apiserver binary. */
  kubeApiserver: string;
  /** The kube-apiserver's version. */
  version: KubernetesVersion;
}

let resolved: Promise<KubeBinaries> | undefined;

/**
 * Finds etcd and kube-apiserver, installing etcd and building kube-apiserver 1.20.2 on first
 * use (through `scripts/e2e/ensure-binaries.sh`; minutes, once per machine). `KUBE_APISERVER`
 * and `ETCD` in the environment name your own binaries instead. The build's progress goes to
 * this process's stderr. The result is remembered for the life of the process.
 *
 * @returns the two paths and the server's version.
 * @throws E2eHarnessError when a binary is missing and cannot be had, with the script's reason.
 * @since 0.1.0
 */
export function resolveKubeBinaries(): Promise<KubeBinaries> {
  resolved ??= findBinaries().catch((error: unknown) => {
    resolved = undefined;
    throw error;
  });
  return resolved;
}

async function findBinaries(): Promise<KubeBinaries> {
  const paths = await runEnsureBinariesScript().catch((error: unknown) => {
    throw new E2eHarnessError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  });
  const { stdout } = await execFileAsync(paths.kubeApiserver, ['--version']).catch(
    (error: unknown) => {
      throw new E2eHarnessError(`${paths.kubeApiserver} --version failed`, { cause: error });
    },
  );
  const version = parseKubernetesVersion(stdout);
  if (version === undefined) {
    throw new E2eHarnessError(`${paths.kubeApiserver} --version printed no version: ${stdout}`);
  }
  return { ...paths, version };
}
