// The public surface of @kube-cache/reflector: an explicit list of named exports.
export { systemClock } from '@kube-cache/store-core';
export type { Clock } from '@kube-cache/store-core';
export type {
  BackoffOptions,
  ReflectorEvent,
  ReflectorOptions,
  ReflectorStore,
  ResourceVersionUpdater,
  WaitForSyncOptions,
} from './reflector/reflector-types';
export type { RelistReason } from './reflector/relist-reason';
export { Reflector } from './reflector/reflector';
export {
  FailureWarnings,
  kubeCacheWarningType,
  listWatchFailedWarningCode,
} from './reflector/failure-warnings';
export type { FailureWarningsOptions } from './reflector/failure-warnings';
export { ReflectorEvents } from './reflector/reflector-events';
export type { ReflectorEventListener } from './reflector/reflector-events';
export { createListWatch } from './list-watch/list-watch';
export type { KubeListWatch, ListWatchOptions } from './list-watch/list-watch';
export type { KubeConfigLike } from './transport/kube-config-like';
export { KubeTransport } from './transport/kube-transport';
export type {
  KubeTransportOptions,
  TransportProtocol,
  TransportProtocolPreference,
  TransportRequestOptions,
  TransportResponse,
  TransportSessionInfo,
} from './transport/transport-types';
export type { ResourceDescriptor } from './list-watch/resource-url';
export { ExponentialBackoff } from './reflector/exponential-backoff';
export { listAllPages } from './list-watch/list-pager';
export type { PagedListResult } from './list-watch/list-pager';
export { clientNodeSupportProblem } from './client-node/client-node-support';
export {
  ConnectionLostError,
  Http2NotNegotiatedError,
  InactivityTimeoutError,
  InvalidListWatchConfigError,
  InvalidReflectorOptionsError,
  isBrokenStreamError,
  isConnectionRefusedError,
  isExpiredError,
  isRetriableWatchError,
  isTooLargeResourceVersionError,
  isTooManyRequestsError,
  MalformedWatchEventError,
  ReflectorAlreadyRunningError,
  ReflectorCallbackError,
  requestedRetryDelay,
  ResponseDecodeError,
  SyncTimeoutError,
  TransportClosedError,
  UnexpectedObjectKindError,
  UnsupportedClientNodeError,
  VeryShortWatchError,
  WatchDecodeError,
} from './errors/index';
export type { ConnectionLossReason, ReflectorCallbackOperation } from './errors/index';
