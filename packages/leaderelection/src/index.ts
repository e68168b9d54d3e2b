// The public surface of @kube-cache/leaderelection: an explicit list of named exports.
export { LeaderElector } from './elector/leader-elector';
export type { LeaderElectionOptions } from './elector/leader-election-options';
export { KubeLeaseClient } from './lease/kube-lease-client';
export type { KubeConfigLike } from './lease/kube-lease-client';
export type { LeaseClient } from './lease/lease-client';
export type { Lease, LeaseReference, LeaseSpec } from './lease/lease';
export { systemClock } from '@kube-cache/store-core';
export type { Clock } from '@kube-cache/store-core';
export { formatMicroTime, normalizeMicroTime } from './lease/micro-time';
export {
  InvalidLeaderElectionOptionsError,
  LeaderElectorAlreadyRunningError,
  LeaseResponseError,
  LeaderElectionHealthError,
} from './errors/index';
