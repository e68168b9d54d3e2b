// The public surface of @kube-cache/leaderelection: an explicit list of named exports.
export { LeaderElector } from './leader-elector';
export type { LeaderElectionOptions } from './leader-election-options';
export { KubeLeaseClient } from './kube-lease-client';
export type { KubeConfigLike } from './kube-lease-client';
export type { LeaseClient } from './lease-client';
export type { Lease, LeaseReference, LeaseSpec } from './lease';
export { systemClock } from '@kube-cache/store-core';
export type { Clock } from '@kube-cache/store-core';
export { formatMicroTime, normalizeMicroTime } from './micro-time';
export { InvalidLeaderElectionOptionsError } from './invalid-leader-election-options-error';
export { LeaderElectorAlreadyRunningError } from './leader-elector-already-running-error';
export { LeaseResponseError } from './lease-response-error';
export { LeaderElectionHealthError } from './leader-election-health-error';
