/**
 * Why a reflector lists again, as reported in its `relisting` event:
 * - `initial`: the first list, or a retry before the first sync;
 * - `expired`: the watch or list resourceVersion was compacted away (`410 Gone`);
 * - `too-large-resource-version`: the server has not yet seen the requested resourceVersion;
 * - `watch-error`: the watch ended with any other error.
 *
 * @since 0.2.0
 */
export type RelistReason = 'initial' | 'expired' | 'too-large-resource-version' | 'watch-error';
