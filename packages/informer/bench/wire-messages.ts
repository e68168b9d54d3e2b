// What a worker process (wire-client.ts) reports to the bench.

/** One path (list or watch) measured once. */
export interface PathResult {
  /** From starting the contender to the handler's last add. */
  seconds: number;
  /**
   * CPU time of the client process (all its threads: JavaScript, GC helpers, TLS) over the same
   * span. Far less sensitive than `seconds` to other processes on a loaded machine.
   */
  cpuSeconds: number;
  /** Heap with the cache full minus after stop, after gc(), per pod. */
  heapBytesPerObject: number;
}

/** Sent by a worker: its measurements, or why the contender could not run. */
export type WorkerMessage =
  | { type: 'result'; name: string; list: PathResult; watch: PathResult }
  | { type: 'unavailable'; name: string; reason: string };

/** What the bench tells a worker (as one JSON argument). */
export interface WorkerOrders {
  contender: string;
  pods: number;
  warmUpPods: number;
  tlsPort: number;
  plainPort: number;
  certificateAuthorityFile: string;
  /** When set, the measured list and watch paths are CPU-profiled into this directory. */
  profileDirectory?: string | undefined;
}
