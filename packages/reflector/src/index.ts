// The public surface of @kube-cache/reflector: an explicit list of named exports.
export { systemClock } from '@kube-cache/store-core';
export type { Clock } from '@kube-cache/store-core';
export type {
  BackoffOptions,
  ReflectorEvent,
  ReflectorOptions,
  ReflectorStore,
} from './reflector-types';
export type { RelistReason } from './relist-reason';
export { Reflector } from './reflector';
export type { ResourceVersionUpdater, WaitForSyncOptions } from './reflector';
export { SyncTimeoutError } from './sync-timeout-error';
export {
  FailureWarnings,
  kubeCacheWarningType,
  listWatchFailedWarningCode,
} from './failure-warnings';
export type { FailureWarningsOptions } from './failure-warnings';
export { ReflectorEvents } from './reflector-events';
export type { ReflectorEventListener } from './reflector-events';
export { createListWatch } from './list-watch';
export type { KubeListWatch, ListWatchOptions } from './list-watch';
export type { KubeConfigLike } from './transport/kube-http';
export { KubeTransport } from './transport/kube-transport';
export type {
  KubeTransportOptions,
  TransportProtocol,
  TransportProtocolPreference,
  TransportRequestOptions,
  TransportResponse,
  TransportSessionInfo,
} from './transport/transport-types';
export { ConnectionLostError } from './transport/connection-lost-error';
export type { ConnectionLossReason } from './transport/connection-lost-error';
export { Http2NotNegotiatedError } from './transport/http2-not-negotiated-error';
export { TransportClosedError } from './transport/transport-closed-error';
export type { ResourceDescriptor } from './resource-url';
export { ExponentialBackoff } from './exponential-backoff';
export { listAllPages } from './list-pager';
export type { PagedListResult } from './list-pager';
export {
  isBrokenStreamError,
  isConnectionRefusedError,
  isExpiredError,
  isRetriableWatchError,
  requestedRetryDelay,
  isTooLargeResourceVersionError,
  isTooManyRequestsError,
} from './api-error-predicates';
export { WatchDecodeError } from './watch-decode-error';
export { ResponseDecodeError } from './response-decode-error';
export { MalformedWatchEventError } from './malformed-watch-event-error';
export { UnexpectedObjectKindError } from './unexpected-object-kind-error';
export { VeryShortWatchError } from './very-short-watch-error';
export { InactivityTimeoutError } from './inactivity-timeout-error';
export { ReflectorCallbackError } from './reflector-callback-error';
export type { ReflectorCallbackOperation } from './reflector-callback-error';
export { ReflectorAlreadyRunningError } from './reflector-already-running-error';
export { InvalidReflectorOptionsError } from './invalid-reflector-options-error';
export { InvalidListWatchConfigError } from './invalid-list-watch-config-error';
export { clientNodeSupportProblem } from './client-node-support';
export { UnsupportedClientNodeError } from './unsupported-client-node-error';
