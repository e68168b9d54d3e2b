import { runEnsureBinariesScript } from './ensure-binaries-script';

/**
 * Vitest `globalSetup` of the e2e suite: makes sure etcd and kube-apiserver exist before any
 * test file runs, building kube-apiserver on a clean machine (minutes, once). When they cannot
 * be had, it throws, and the whole suite fails rather than passing with nothing tested.
 *
 * @returns once both binaries are available.
 * @throws Error when a binary cannot be installed or built.
 */
export default async function setup(): Promise<void> {
  const paths = await runEnsureBinariesScript();
  process.stderr.write(
    `[kube-cache e2e] kube-apiserver at ${paths.kubeApiserver}, etcd at ${paths.etcd}\n`,
  );
}
