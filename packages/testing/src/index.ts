// The public surface of @kube-cache/testing: an explicit list of named exports.
// FakeApiServer: a fake Kubernetes API server over real HTTP(S) on loopback.
export { FakeApiServer } from './api-server/fake-api-server';
export type { FakeApiServerOptions, RecordedRequest } from './api-server/fake-api-server';
export type { FailureMatch, FailureStatus } from './api-server/fault-injector';
export type { FakeApiServerConnection, WireProtocol } from './api-server/served-connections';
export { FakeApiServerOptionsError } from './api-server/fake-api-server-options-error';
export { defaultResourceDefinitions } from './api-server/resource-definition';
export type { ResourceDefinition } from './api-server/resource-definition';
export { generateConfigMaps, generatePods } from './api-server/object-generators';
export { seededRandom } from './seeded-random';
export type {
  GenerateConfigMapsOptions,
  GeneratedConfigMap,
  GeneratedPod,
  GeneratePodsOptions,
} from './api-server/object-generators';
// In-process fakes: a push-driven watch stream and a ListerWatcher faithful to the list/watch protocol.
export { FakeWatcher } from './fake-watcher';
export type { FakeWatcherOptions } from './fake-watcher';
export { WatcherStoppedError } from './watcher-stopped-error';
export { WatcherConsumedError } from './watcher-consumed-error';
export { FakeListerWatcher } from './fake-lister-watcher';
export type {
  FakeFailure,
  FakeListerWatcherCall,
  FakeListerWatcherOptions,
} from './fake-lister-watcher';
export { FakeListerWatcherError } from './fake-lister-watcher-error';
export type { FakeListerWatcherErrorReason } from './fake-lister-watcher-error';
