// The types the request handler shares with the collection, object and watch handlers, in a file
// of their own so that the handlers and request-handler.ts do not import each other.
import type { ObjectStore } from '../cluster/object-store';
import type { ResourceDefinition } from '../cluster/resource-definition';
import type { ApiRequest, ApiResponse } from './http-exchange';
import type { ResourcePath } from './resource-path';
import type { WatchConnection } from './watch-connection';

/** What the request handler needs from its server. */
export interface RequestHandlerContext {
  readonly objects: ObjectStore;
  readonly definitions: readonly ResourceDefinition[];
  readonly serverAddress: () => string;
  readonly bookmarkIntervalMilliseconds: number;
  readonly watches: Set<WatchConnection>;
  /** Counts a watch request answered with a stream. */
  readonly watchOpened: () => void;
}

/** One resource request, parsed: what the collection and object handlers work with. */
export interface ResourceRequest {
  readonly context: RequestHandlerContext;
  readonly request: ApiRequest;
  readonly response: ApiResponse;
  readonly url: URL;
  readonly target: ResourcePath;
  /** Runs a write, as a dry run when the request asked for one. */
  readonly write: <T>(action: () => T) => T;
}
