// One server's rounds (--rounds K) as one result: samples pooled, counts and CPU summed, peaks the highest.
import { latencyFigures, rates, type NodeFigures, type RunResult } from "./run-server";

function pooled(arrays: Float64Array[]): Float64Array {
  const all = new Float64Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    all.set(array, offset);
    offset += array.length;
  }
  return all.sort();
}

export function combine(results: RunResult[]): RunResult {
  if (results.length === 1) return results[0];
  const sum = (pick: (run: RunResult) => number) => results.reduce((total, run) => total + pick(run), 0);
  const max = (pick: (run: RunResult) => number) => Math.max(...results.map(pick));
  const all = pooled(results.map((run) => run.samples));
  const [first] = results;
  const received = sum((run) => run.received);
  const serverCpuSeconds = sum((run) => run.serverCpuSeconds);
  const wallSeconds = sum((run) => run.wallSeconds);
  const windowSeconds = sum((run) => run.windowSeconds);
  const closeCodes: Record<string, number> = {};
  for (const run of results) for (const [code, count] of Object.entries(run.connect.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + count;
  // Node i of every round is one line: CPU summed, memory and delays the highest.
  const nodes: NodeFigures[] = first.nodes.map((_, index) => {
    const node = (pick: (figures: NodeFigures) => number) => results.map((run) => pick(run.nodes[index]));
    const total = (pick: (figures: NodeFigures) => number) => node(pick).reduce((a, b) => a + b, 0);
    const most = (pick: (figures: NodeFigures) => number) => Math.max(...node(pick));
    return {
      cpuSeconds: total((figures) => figures.cpuSeconds),
      connectCpuSeconds: total((figures) => figures.connectCpuSeconds) / results.length,
      rssIdle: most((figures) => figures.rssIdle),
      rssPeak: most((figures) => figures.rssPeak),
      hwm: most((figures) => figures.hwm),
      eventLoop: { p50: most((figures) => figures.eventLoop.p50), p99: most((figures) => figures.eventLoop.p99), max: most((figures) => figures.eventLoop.max) },
    };
  });
  const sameSamples = first.sameSamples ? pooled(results.map((run) => run.sameSamples!)) : undefined;
  const crossSamples = first.crossSamples ? pooled(results.map((run) => run.crossSamples!)) : undefined;
  return {
    ...first,
    nodes,
    ...(sameSamples && crossSamples ? { sameSamples, crossSamples, sameNode: latencyFigures(sameSamples), crossNode: latencyFigures(crossSamples) } : {}),
    ...(first.redis
      ? {
          redis: {
            ...first.redis,
            cpuSeconds: sum((run) => run.redis!.cpuSeconds),
            procCpuSeconds: results.every((run) => run.redis!.procCpuSeconds !== null) ? sum((run) => run.redis!.procCpuSeconds!) : null,
            commands: sum((run) => run.redis!.commands),
          },
        }
      : {}),
    allSends: sum((run) => run.allSends),
    storedChanges: first.storedChanges === undefined ? undefined : sum((run) => run.storedChanges ?? Number.NaN),
    connect: {
      ms: sum((run) => run.connect.ms) / results.length,
      clients: first.connect.clients,
      failed: sum((run) => run.connect.failed),
      serverCpuSeconds: sum((run) => run.connect.serverCpuSeconds) / results.length,
      closeCodes,
    },
    latency: latencyFigures(all),
    samples: all,
    wallSeconds,
    rounds: results.length,
    sends: sum((run) => run.sends),
    expected: sum((run) => run.expected),
    received,
    windowSeconds,
    serverCpuSeconds,
    databaseCpuSeconds: sum((run) => run.databaseCpuSeconds),
    ...rates({ sends: sum((run) => run.sends), received, windowSeconds, serverCpuSeconds, wallSeconds }),
    rssIdle: max((run) => run.rssIdle),
    rssSettled: max((run) => run.rssSettled),
    heapEnd: {
      heapUsed: max((run) => run.heapEnd.heapUsed),
      heapTotal: max((run) => run.heapEnd.heapTotal),
      external: max((run) => run.heapEnd.external),
      arrayBuffers: max((run) => run.heapEnd.arrayBuffers),
    },
    rssPeak: max((run) => run.rssPeak),
    hwm: max((run) => run.hwm),
    serverEventLoop: { p50: max((run) => run.serverEventLoop.p50), p99: max((run) => run.serverEventLoop.p99), max: max((run) => run.serverEventLoop.max) },
    workers: results.flatMap((run) => run.workers),
    otherCores: sum((run) => run.otherCores * run.wallSeconds) / wallSeconds,
    machineBusyCores: sum((run) => run.machineBusyCores * run.wallSeconds) / wallSeconds,
    converged: sum((run) => run.converged),
    rooms: sum((run) => run.rooms),
    loadBefore: results.map((run) => run.loadBefore).join(" | "),
    loadAfter: results.map((run) => run.loadAfter).join(" | "),
    db: results[results.length - 1].db,
  };
}
