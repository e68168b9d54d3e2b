// The public surface of @kube-cache/testing: an explicit list of named exports.
// FakeApiServer: a fake Kubernetes API server over real HTTP(S) on loopback.
export { FakeApiServer } from './api-server/fake-api-server';
export type { FakeApiServerOptions, RecordedRequest } from './api-server/fake-api-server';
export type { FailureMatch, FailureStatus } from './api-server/fault-injector';
export { defaultResourceDefinitions } from './api-server/resource-definition';
export type { ResourceDefinition } from './api-server/resource-definition';
export { generateConfigMaps, generatePods } from './api-server/object-generators';
export type {
  GenerateConfigMapsOptions,
  GeneratedConfigMap,
  GeneratedPod,
  GeneratePodsOptions,
} from './api-server/object-generators';
