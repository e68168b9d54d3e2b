// The error classes of @kube-cache/testing, re-exported by name from src/index.ts.
export { FakeApiServerOptionsError } from './fake-api-server-options-error';
export { FakeListerWatcherError } from './fake-lister-watcher-error';
export type { FakeListerWatcherErrorReason } from './fake-lister-watcher-error';
export { WatcherConsumedError } from './watcher-consumed-error';
export { WatcherStoppedError } from './watcher-stopped-error';
