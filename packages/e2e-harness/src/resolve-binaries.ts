import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { E2eHarnessError } from './e2e-harness-error';
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

/** The script that installs etcd and builds (or finds) kube-apiserver. */
export const ensureBinariesScript = fileURLToPath(new URL('../../../scripts/e2e/ensure-binaries.sh', import.meta.url));

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
  resolved ??= runEnsureScript().catch((error: unknown) => {
    resolved = undefined;
    throw error;
  });
  return resolved;
}

async function runEnsureScript(): Promise<KubeBinaries> {
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn('bash', [ensureBinariesScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', (error) => {
      reject(new E2eHarnessError(`cannot run ${ensureBinariesScript}: ${error.message}`, { cause: error }));
    });
    child.once('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new E2eHarnessError(
            `${ensureBinariesScript} failed with exit code ${String(code)}: no etcd/kube-apiserver for the e2e suite ` +
              '(see its ERROR line above; or set KUBE_APISERVER and ETCD to your own binaries)',
          ),
        );
    });
  });
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) values.set(line.slice(0, separator), line.slice(separator + 1).trim());
  }
  const etcd = values.get('ETCD');
  const kubeApiserver = values.get('KUBE_APISERVER');
  if (etcd === undefined || kubeApiserver === undefined) {
    throw new E2eHarnessError(`${ensureBinariesScript} printed no ETCD=/KUBE_APISERVER= lines: ${stdout}`);
  }
  const { stdout: versionOutput } = await execFileAsync(kubeApiserver, ['--version']).catch((error: unknown) => {
    throw new E2eHarnessError(`${kubeApiserver} --version failed`, { cause: error });
  });
  const version = parseKubernetesVersion(versionOutput);
  if (version === undefined) {
    throw new E2eHarnessError(`${kubeApiserver} --version printed no version: ${versionOutput}`);
  }
  return { etcd, kubeApiserver, version };
}
