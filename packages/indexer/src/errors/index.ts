// The error classes of @kube-cache/indexer, for the package's own modules and `src/index.ts`.
export { ApiStatusError } from './api-status-error';
export { FieldPathError } from './field-path-error';
export { KeyError } from './key-error';
export { MalformedKeyError } from './malformed-key-error';
export { MissingMetadataError } from './missing-metadata-error';
export { SelectorParseError } from './selector-parse-error';
