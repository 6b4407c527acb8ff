// The collaboration server's limits and timings; tests and the benchmark pass their own.
export type CollabOptions = {
  maxFrameBytes: number;
  maxDocumentBytes: number;
  flushDelayMs: number;
  snapshotEvery: number;
  unloadGraceMs: number;
  awarenessBatchMs: number;
  refusedEditsBeforeClose: number;
  rateLimit: { perSecond: number; burst: number };
};

export const defaultCollabOptions: CollabOptions = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxDocumentBytes: 20 * 1024 * 1024,
  flushDelayMs: 50,
  snapshotEvery: 500,
  unloadGraceMs: 2000,
  awarenessBatchMs: 25,
  refusedEditsBeforeClose: 3,
  rateLimit: { perSecond: 200, burst: 600 },
};
