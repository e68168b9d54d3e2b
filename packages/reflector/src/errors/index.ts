// The error classes of @kube-cache/reflector and the predicates that sort the errors of a list or
// watch, re-exported by the package's index. Code inside the package imports the files directly.
export {
  isBrokenStreamError,
  isConnectionRefusedError,
  isExpiredError,
  isRetriableWatchError,
  requestedRetryDelay,
  isTooLargeResourceVersionError,
  isTooManyRequestsError,
} from './api-error-predicates';
export { ConnectionLostError } from './connection-lost-error';
export type { ConnectionLossReason } from './connection-lost-error';
export { Http2NotNegotiatedError } from './http2-not-negotiated-error';
export { InactivityTimeoutError } from './inactivity-timeout-error';
export { InvalidListWatchConfigError } from './invalid-list-watch-config-error';
export { InvalidReflectorOptionsError } from './invalid-reflector-options-error';
export { MalformedWatchEventError } from './malformed-watch-event-error';
export { ReflectorAlreadyRunningError } from './reflector-already-running-error';
export { ReflectorCallbackError } from './reflector-callback-error';
export type { ReflectorCallbackOperation } from './reflector-callback-error';
export { ResponseDecodeError } from './response-decode-error';
export { SyncTimeoutError } from './sync-timeout-error';
export { TransportClosedError } from './transport-closed-error';
export { UnexpectedObjectKindError } from './unexpected-object-kind-error';
export { UnsupportedClientNodeError } from './unsupported-client-node-error';
export { VeryShortWatchError } from './very-short-watch-error';
export { WatchDecodeError } from './watch-decode-error';
