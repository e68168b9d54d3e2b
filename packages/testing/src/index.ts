// The public surface of @kube-cache/testing: an explicit list of named exports.
// Layout: cluster/ is the fake cluster core (objects, resourceVersions, history and compaction,
// paged lists with selectors, watch rules, planned failures) that both fakes run on; in-process/
// answers it through calls (FakeListerWatcher, FakeWatcher), api-server/ over HTTP
// (FakeApiServer); objects/ generates test objects; errors/ holds the error classes.
// FakeApiServer: a fake Kubernetes API server over real HTTP(S) on loopback.
export { FakeApiServer } from './api-server/fake-api-server';
export type { FakeApiServerOptions } from './api-server/fake-api-server-options';
export type { RecordedRequest } from './api-server/request-pipeline';
export type { FailureMatch } from './cluster/fault-plan';
export type { FailureStatus } from './api-server/fault-injector';
export type { FakeApiServerConnection, WireProtocol } from './api-server/served-connections';
export { FakeApiServerOptionsError } from './errors/index';
export { defaultResourceDefinitions } from './cluster/resource-definition';
export type { ResourceDefinition } from './cluster/resource-definition';
export { generateConfigMaps, generatePods } from './objects/object-generators';
export { seededRandom } from './objects/seeded-random';
export type {
  GenerateConfigMapsOptions,
  GeneratedConfigMap,
  GeneratedPod,
  GeneratePodsOptions,
} from './objects/object-generators';
// In-process fakes: a push-driven watch stream and a ListerWatcher faithful to the list/watch protocol.
export { FakeWatcher } from './in-process/fake-watcher';
export type { FakeWatcherOptions } from './in-process/fake-watcher';
export { WatcherStoppedError, WatcherConsumedError } from './errors/index';
export { FakeListerWatcher } from './in-process/fake-lister-watcher';
export type {
  FakeFailure,
  FakeListerWatcherCall,
  FakeListerWatcherOptions,
} from './in-process/fake-lister-watcher-options';
export { FakeListerWatcherError } from './errors/index';
export type { FakeListerWatcherErrorReason } from './errors/index';
