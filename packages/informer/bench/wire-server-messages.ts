// The messages between the bench and its server process (node IPC).

/** What the server saw since the last read-out: requests and connections, by kind. */
export interface ServerStats {
  /** `"https h2 watch"`, `"http http/1.1 list"`, ... -> count. */
  requests: Record<string, number>;
  /** `"https h2"`, `"https http/1.1"` (the ALPN result), `"http http/1.1"` -> count. */
  connections: Record<string, number>;
}

/** How the server writes a watch: one write per event (as kube-apiserver), or all in one. */
export type WatchFraming = 'event' | 'batch';

/** Sent by the server process. */
export type ServerMessage =
  | {
      type: 'ready';
      tlsPort: number;
      plainPort: number;
      pods: number;
      bytesPerPod: number;
      framing: WatchFraming;
    }
  | { type: 'stats'; stats: ServerStats };
