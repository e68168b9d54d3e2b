import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Deliberately free of workspace imports: vitest loads the global setup (which uses this file)
// without the `@kube-cache/source` condition, so `@kube-cache/*` packages cannot be resolved there.

/**
 * The script that installs etcd and builds (or finds) kube-apiserver.
 *
 * @since 0.1.0
 */
export const ensureBinariesScript = fileURLToPath(
  new URL('../../../scripts/e2e/ensure-binaries.sh', import.meta.url),
);

/**
 * The two paths that `scripts/e2e/ensure-binaries.sh` prints.
 *
 * @since 0.1.0
 */
export interface BinaryPaths {
  etcd: string;
  kubeApiserver: string;
}

/**
 * Runs `scripts/e2e/ensure-binaries.sh` (its log goes to this process's stderr) and reads the
 * `ETCD=` and `KUBE_APISERVER=` lines it prints.
 *
 * @returns the two paths.
 * @throws Error when the script cannot run, fails, or prints no paths.
 * @since 0.1.0
 */
export async function runEnsureBinariesScript(): Promise<BinaryPaths> {
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn('bash', [ensureBinariesScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', (error) => {
      reject(new Error(`cannot run ${ensureBinariesScript}: ${error.message}`, { cause: error }));
    });
    child.once('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
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
    throw new Error(`${ensureBinariesScript} printed no ETCD=/KUBE_APISERVER= lines: ${stdout}`);
  }
  return { etcd, kubeApiserver };
}
