// Every error class of @kube-cache/leaderelection, in one place. Each extends `KubeCacheError` and
// has a `static isInstance()` that works across two installed copies of the package.
export { InvalidLeaderElectionOptionsError } from './invalid-leader-election-options-error';
export { LeaderElectorAlreadyRunningError } from './leader-elector-already-running-error';
export { LeaseResponseError } from './lease-response-error';
export { LeaderElectionHealthError } from './leader-election-health-error';
