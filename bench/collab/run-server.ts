// One server under load (or, with --nodes, N nodes of ours joined through Redis): started, connected to by the client
// processes, measured over the window (latency, CPU, memory, event-loop delay, the machine's other load, Redis's CPU),
// and stopped. One server's rounds are combined into one result in combine.ts.
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { SetupMessage, WorkerResult, WorkerRoom } from "../client-worker";
import {
  loadAverage,
  machineCpuSeconds,
  percentile,
  processCpuSeconds,
  processMemory,
  processTreeCpuSeconds,
  sleep,
  sortedCopy,
} from "../lib";
import { nextMessage, ourServer, start, stopChild } from "./children";
import { nodeOfClient, type RedisMeter } from "./nodes";
import { args, awareness, profileDir, wholeRooms } from "./options";

/** reference: y-websocket's server; ours: one node of the portal; nodes: --nodes N of them joined through Redis. */
export type ServerKind = "reference" | "ours" | "nodes";

export type LatencyFigures = { samples: number; p50: number; p95: number; p99: number; max: number };

/** One server process's own figures (one per node). */
export type NodeFigures = {
  cpuSeconds: number;
  connectCpuSeconds: number;
  rssIdle: number;
  rssPeak: number;
  hwm: number;
  eventLoop: { p50: number; p99: number; max: number };
};

export type RunResult = {
  kind: ServerKind;
  database: string;
  /** Each server process: one, or one per node. */
  nodes: NodeFigures[];
  /** Several nodes: latency where sender and receiver were on the same node, and where they were not. */
  sameNode?: LatencyFigures;
  crossNode?: LatencyFigures;
  sameSamples?: Float64Array;
  crossSamples?: Float64Array;
  /** Several nodes: Redis's CPU seconds over the measured window (INFO cpu; /proc too when it is on this machine). */
  redis?: { description: string; cpuSeconds: number; procCpuSeconds: number | null; commands: number; clients: number };
  /** Every send of the round, warm-up included, and the accepted updates stored meanwhile (ours: should be equal). */
  allSends: number;
  storedChanges?: number;
  connect: { ms: number; clients: number; failed: number; serverCpuSeconds: number; closeCodes: Record<string, number> };
  latency: LatencyFigures;
  /** Every latency sample (pooled when rounds are combined; not printed). */
  samples: Float64Array;
  wallSeconds: number;
  rounds: number;
  sends: number;
  expected: number;
  received: number;
  windowSeconds: number;
  sendsPerSecond: number;
  deliveredPerSecond: number;
  serverCpuSeconds: number;
  /** A separate PostgreSQL server's CPU (BENCH_DATABASE_PID), when there is one. */
  databaseCpuSeconds: number;
  serverCores: number;
  cpuMicrosPerDelivered: number;
  /** Summed over the nodes (one server: its own). 1 s after it listens, and again 10 s after (nothing connected yet). */
  rssIdle: number;
  rssSettled: number;
  /** process.memoryUsage() at the end of the window, summed over the nodes: where the resident memory is. */
  heapEnd: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  rssPeak: number;
  serverEventLoop: { p50: number; p99: number; max: number };
  hwm: number;
  workers: {
    cpuCores: number;
    sendLagP50: number;
    sendLagP99: number;
    sendLagMax: number;
    loopP99: number;
    loopMax: number;
    disconnects: number;
    closeCodes: Record<string, number>;
    skipped: number;
  }[];
  otherCores: number;
  machineBusyCores: number;
  converged: number;
  rooms: number;
  loadBefore: string;
  loadAfter: string;
  db?: Record<string, number | string>;
};

/** The Redis the nodes join (its address as the nodes reach it) and its CPU meter. */
export type Cluster = { urlForNodes: string; meter: RedisMeter };

export const latencyFigures = (sorted: Float64Array): LatencyFigures => ({
  samples: sorted.length,
  p50: percentile(sorted, 50),
  p95: percentile(sorted, 95),
  p99: percentile(sorted, 99),
  max: sorted[sorted.length - 1],
});

/** The figures that follow from the counts: rates over the window, cores over the wall time, CPU per delivery. */
export function rates(counts: { sends: number; received: number; windowSeconds: number; serverCpuSeconds: number; wallSeconds: number }) {
  return {
    sendsPerSecond: counts.sends / counts.windowSeconds,
    deliveredPerSecond: counts.received / counts.windowSeconds,
    serverCores: counts.serverCpuSeconds / counts.wallSeconds,
    cpuMicrosPerDelivered: (counts.serverCpuSeconds / counts.received) * 1e6,
  };
}

type Started = { child: ChildProcess; pid: number; url: string; description: string };

async function startServers(kind: ServerKind, ourEnv: Record<string, string>, cluster: Cluster | undefined): Promise<Started[]> {
  const profile = (name: string) => (profileDir ? ["--cpu-prof", "--cpu-prof-dir", join(profileDir, name)] : []);
  const count = kind === "nodes" ? args.nodes : 1;
  const ours = kind === "reference" ? "" : await ourServer();
  const children = Array.from({ length: count }, (_, index) =>
    kind === "reference"
      ? start("reference-server.ts", [], {}, profile(kind))
      : start(ours, ["serve"], kind === "nodes" ? { ...ourEnv, BENCH_REDIS_URL: cluster!.urlForNodes } : ourEnv, profile(kind === "nodes" ? `node-${index + 1}` : kind)),
  );
  return Promise.all(
    children.map(async (child) => {
      const listening = await nextMessage(child, "listening", 120_000);
      return { child, pid: child.pid!, url: `http://127.0.0.1:${Number(listening.port)}`, description: String(listening.description) };
    }),
  );
}

/** Each room's clients: whole in one client process (one clock), alternately; with several nodes, spread over them. */
function spreadRooms(tokens: { room: string; token: string }[], nodes: number): WorkerRoom[][] {
  const rooms = new Map<string, (string | null)[]>();
  for (const { room, token } of tokens) rooms.set(room, [...(rooms.get(room) ?? []), token]);
  const perWorker: WorkerRoom[][] = Array.from({ length: args.workers }, () => []);
  [...rooms.entries()].forEach(([name, roomTokens], index) =>
    perWorker[index % args.workers].push({
      name,
      tokens: roomTokens,
      ...(nodes > 1 ? { nodes: roomTokens.map((_, k) => nodeOfClient(k, index, nodes, wholeRooms)) } : {}),
    }),
  );
  return perWorker;
}

export async function runServer(kind: ServerKind, tokens: { room: string; token: string }[], ourEnv: Record<string, string>, cluster?: Cluster): Promise<RunResult> {
  console.log(`\n== ${kind}: starting ${kind === "nodes" ? `${args.nodes} nodes` : "the server"}`);
  const servers = await startServers(kind, ourEnv, cluster);
  const pids = servers.map((server) => server.pid);
  const cpuOf = (pid: number) => processCpuSeconds(pid) ?? 0;
  const serversCpu = () => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  await sleep(1000);
  const rssIdle = pids.map((pid) => processMemory(pid)?.rss ?? Number.NaN);
  await sleep(9000); // what start-up left behind, once the process has settled
  const rssSettled = pids.map((pid) => processMemory(pid)?.rss ?? Number.NaN);
  const rssPeak = rssIdle.map((rss, index) => Math.max(rss, rssSettled[index]));
  const sampler = setInterval(() => {
    pids.forEach((pid, index) => {
      const memory = processMemory(pid);
      if (memory && memory.rss > rssPeak[index]) rssPeak[index] = memory.rss;
    });
  }, 200);
  const workers: ChildProcess[] = [];
  // Ours: every pending write flushed, then the accepted updates stored so far (to check each is stored once).
  const storedSoFar = async () => {
    let changes = Number.NaN;
    for (const server of servers) {
      server.child.send({ type: "flush" });
      changes = Number((await nextMessage(server.child, "flushed", 60_000)).changes);
    }
    return changes;
  };
  try {
    const perWorker = spreadRooms(tokens, servers.length);
    for (let w = 0; w < args.workers; w++) workers.push(start("client-worker.ts"));

    console.log(`== ${kind}: connecting ${tokens.length} clients over ${tokens.length ? new Set(tokens.map((t) => t.room)).size : 0} rooms from ${args.workers} client processes`);
    const cpuBeforeConnect = pids.map(cpuOf);
    const connectStarted = Date.now();
    const ready = await Promise.all(
      workers.map((worker, w) => {
        const message: SetupMessage = {
          type: "setup",
          url: servers[0].url,
          origin: servers[0].url,
          ...(servers.length > 1 ? { urls: servers.map((server) => server.url) } : {}),
          rooms: perWorker[w],
          editors: args.editors,
          rate: args.rate,
          seed: args.seed,
          connectConcurrency: args["connect-concurrency"],
          connectTimeoutMs: 60_000,
          awareness,
        };
        worker.send(message);
        return nextMessage(worker, "ready", 300_000);
      }),
    );
    const connectMs = Date.now() - connectStarted;
    const connectCpu = pids.map((pid, index) => cpuOf(pid) - cpuBeforeConnect[index]);
    const failed = ready.reduce((sum, message) => sum + Number(message.failed), 0);
    console.log(`== ${kind}: ${tokens.length - failed}/${tokens.length} synced in ${(connectMs / 1000).toFixed(1)} s; warm-up ${args.warmup} s, measuring ${args.seconds} s`);
    const storedBefore = kind === "reference" ? Number.NaN : await storedSoFar();
    await sleep(1000);

    const startAtEpochMs = Date.now() + 500;
    const windowStartEpoch = startAtEpochMs + args.warmup * 1000;
    const windowEndEpoch = windowStartEpoch + args.seconds * 1000;
    const loadBefore = loadAverage();
    const results = workers.map((worker) => nextMessage(worker, "result", (args.warmup + args.seconds + args.drain + 120) * 1000));
    for (const worker of workers)
      worker.send({ type: "run", startAtEpochMs, warmupMs: args.warmup * 1000, measureMs: args.seconds * 1000, drainMs: args.drain * 1000 });

    await sleep(windowStartEpoch - Date.now());
    const databasePid = kind !== "reference" && process.env.BENCH_DATABASE_PID ? Number(process.env.BENCH_DATABASE_PID) : undefined;
    const redisPid = kind === "nodes" ? cluster?.meter.pid ?? undefined : undefined;
    const ours = () =>
      serversCpu() +
      [process.pid, ...workers.map((worker) => worker.pid!)].reduce((sum, p) => sum + cpuOf(p), 0) +
      (databasePid ? processTreeCpuSeconds(databasePid) : 0) +
      (redisPid ? cpuOf(redisPid) : 0);
    for (const server of servers) server.child.send({ type: "eld-reset" });
    const redisStart = kind === "nodes" ? await cluster!.meter.read() : undefined;
    const databaseCpuStart = databasePid ? processTreeCpuSeconds(databasePid) : Number.NaN;
    const cpuStart = pids.map(cpuOf);
    const machineStart = machineCpuSeconds();
    const oursStart = ours();
    const wallStart = Date.now();
    await sleep(windowEndEpoch - Date.now());
    const cpuEnd = pids.map(cpuOf);
    const redisEnd = kind === "nodes" ? await cluster!.meter.read() : undefined;
    const databaseCpu = databasePid ? processTreeCpuSeconds(databasePid) - databaseCpuStart : Number.NaN;
    const machineEnd = machineCpuSeconds();
    const oursEnd = ours();
    const wallSeconds = (Date.now() - wallStart) / 1000;
    const loadAfter = loadAverage();
    const serverStats = await Promise.all(
      servers.map((server) => {
        server.child.send({ type: "stats" });
        return nextMessage(server.child, "stats", 30_000);
      }),
    );

    const workerResults = (await Promise.all(results)) as unknown as WorkerResult[];
    const storedChanges = kind === "reference" ? undefined : (await storedSoFar()) - storedBefore;
    let db: Record<string, number | string> | undefined;
    if (kind !== "reference") {
      servers[0].child.send({ type: "dbstats" });
      const stats = await nextMessage(servers[0].child, "dbstats", 60_000);
      db = Object.fromEntries(Object.entries(stats).filter(([key]) => key !== "type")) as Record<string, number | string>;
    }
    const hwm = pids.map((pid) => processMemory(pid)?.hwm ?? Number.NaN);

    const all = sortedCopy(workerResults.flatMap((result) => result.latencies));
    const sameSamples = servers.length > 1 ? sortedCopy(workerResults.flatMap((result) => result.sameNodeLatencies)) : undefined;
    const crossSamples = servers.length > 1 ? sortedCopy(workerResults.flatMap((result) => result.crossNodeLatencies)) : undefined;
    const total = (pick: (result: WorkerResult) => number) => workerResults.reduce((sum, result) => sum + pick(result), 0);
    const received = total((result) => result.received);
    const sends = total((result) => result.sends);
    const windowSeconds = args.seconds;
    const serverCpuSeconds = cpuEnd.reduce((sum, end, index) => sum + end - cpuStart[index], 0);
    const machineBusy = machineEnd.busy - machineStart.busy;
    const sumOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
    return {
      kind,
      database: servers[0].description + (kind === "nodes" ? `, ${servers.length} nodes joined through ${cluster!.meter.description}` : ""),
      nodes: servers.map((_, index) => ({
        cpuSeconds: cpuEnd[index] - cpuStart[index],
        connectCpuSeconds: connectCpu[index],
        rssIdle: rssIdle[index],
        rssPeak: rssPeak[index],
        hwm: hwm[index],
        eventLoop: serverStats[index].eventLoop as NodeFigures["eventLoop"],
      })),
      ...(sameSamples && crossSamples ? { sameSamples, crossSamples, sameNode: latencyFigures(sameSamples), crossNode: latencyFigures(crossSamples) } : {}),
      ...(redisStart && redisEnd
        ? {
            redis: {
              description: cluster!.meter.description,
              cpuSeconds: redisEnd.info - redisStart.info,
              procCpuSeconds: redisEnd.proc !== null && redisStart.proc !== null ? redisEnd.proc - redisStart.proc : null,
              commands: redisEnd.commands - redisStart.commands,
              clients: redisEnd.clients,
            },
          }
        : {}),
      allSends: total((result) => result.allSends),
      storedChanges,
      connect: {
        ms: connectMs,
        clients: tokens.length,
        failed,
        serverCpuSeconds: sumOf(connectCpu),
        closeCodes: ready.reduce<Record<string, number>>((sum, message) => {
          for (const [code, count] of Object.entries(message.closeCodes as Record<string, number>)) sum[code] = (sum[code] ?? 0) + count;
          return sum;
        }, {}),
      },
      latency: latencyFigures(all),
      samples: all,
      wallSeconds,
      rounds: 1,
      sends,
      expected: total((result) => result.expected),
      received,
      windowSeconds,
      serverCpuSeconds,
      databaseCpuSeconds: databaseCpu,
      ...rates({ sends, received, windowSeconds, serverCpuSeconds, wallSeconds }),
      rssIdle: sumOf(rssIdle),
      rssSettled: sumOf(rssSettled),
      heapEnd: Object.fromEntries(
        (["heapUsed", "heapTotal", "external", "arrayBuffers"] as const).map((key) => [
          key,
          sumOf(serverStats.map((stats) => Number((stats.memory as Record<string, number> | undefined)?.[key] ?? Number.NaN))),
        ]),
      ) as RunResult["heapEnd"],
      rssPeak: sumOf(rssPeak),
      hwm: sumOf(hwm),
      serverEventLoop: {
        p50: Math.max(...serverStats.map((stats) => (stats.eventLoop as NodeFigures["eventLoop"]).p50)),
        p99: Math.max(...serverStats.map((stats) => (stats.eventLoop as NodeFigures["eventLoop"]).p99)),
        max: Math.max(...serverStats.map((stats) => (stats.eventLoop as NodeFigures["eventLoop"]).max)),
      },
      workers: workerResults.map((result) => ({
        cpuCores: result.cpuSeconds / result.windowSeconds,
        sendLagP50: result.sendLag.p50,
        sendLagP99: result.sendLag.p99,
        sendLagMax: result.sendLag.max,
        loopP99: result.eventLoopDelay.p99,
        loopMax: result.eventLoopDelay.max,
        disconnects: result.disconnects,
        closeCodes: result.closeCodes,
        skipped: result.skipped,
      })),
      otherCores: (machineBusy - (oursEnd - oursStart)) / wallSeconds,
      machineBusyCores: machineBusy / wallSeconds,
      converged: total((result) => result.converged),
      rooms: total((result) => result.rooms),
      loadBefore,
      loadAfter,
      db,
    };
  } finally {
    clearInterval(sampler);
    await Promise.all(workers.map((worker) => stopChild(worker, 5000)));
    await Promise.all(servers.map((server) => stopChild(server.child, 15_000)));
  }
}
