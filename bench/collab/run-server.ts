// One server under load: started, connected to by the client processes, measured over the window (latency, CPU,
// memory, event-loop delay, the machine's other load), and stopped; and one server's rounds combined into one result.
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
import { nextMessage, start, stopChild } from "./children";
import { args, awareness, profileDir } from "./options";

export type ServerKind = "reference" | "ours";

export type RunResult = {
  kind: ServerKind;
  database: string;
  connect: { ms: number; clients: number; failed: number; serverCpuSeconds: number; closeCodes: Record<string, number> };
  latency: { samples: number; p50: number; p95: number; p99: number; max: number };
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
  rssIdle: number;
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

export async function runServer(kind: ServerKind, tokens: { room: string; token: string }[], ourEnv: Record<string, string>): Promise<RunResult> {
  console.log(`\n== ${kind}: starting the server`);
  const profile = profileDir ? ["--cpu-prof", "--cpu-prof-dir", join(profileDir, kind)] : [];
  const server = kind === "ours" ? start("our-server.ts", ["serve"], ourEnv, profile) : start("reference-server.ts", [], {}, profile);
  const listening = await nextMessage(server, "listening", 120_000);
  const pid = server.pid!;
  const url = `http://127.0.0.1:${Number(listening.port)}`;
  await sleep(1000);
  const rssIdle = processMemory(pid)?.rss ?? Number.NaN;
  let rssPeak = rssIdle;
  const sampler = setInterval(() => {
    const memory = processMemory(pid);
    if (memory && memory.rss > rssPeak) rssPeak = memory.rss;
  }, 200);
  const workers: ChildProcess[] = [];
  try {
    // Rooms go whole to one client process each, alternately.
    const rooms = new Map<string, (string | null)[]>();
    for (const { room, token } of tokens) rooms.set(room, [...(rooms.get(room) ?? []), token]);
    const roomList = [...rooms.entries()];
    const perWorker: WorkerRoom[][] = Array.from({ length: args.workers }, () => []);
    roomList.forEach(([name, roomTokens], index) => perWorker[index % args.workers].push({ name, tokens: roomTokens }));
    for (let w = 0; w < args.workers; w++) workers.push(start("client-worker.ts"));

    console.log(`== ${kind}: connecting ${tokens.length} clients over ${rooms.size} rooms from ${args.workers} client processes`);
    const cpuBeforeConnect = processCpuSeconds(pid) ?? 0;
    const connectStarted = Date.now();
    const ready = await Promise.all(
      workers.map((worker, w) => {
        const message: SetupMessage = {
          type: "setup",
          url,
          origin: url,
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
    const connectCpu = (processCpuSeconds(pid) ?? 0) - cpuBeforeConnect;
    const failed = ready.reduce((sum, message) => sum + Number(message.failed), 0);
    console.log(`== ${kind}: ${tokens.length - failed}/${tokens.length} synced in ${(connectMs / 1000).toFixed(1)} s; warm-up ${args.warmup} s, measuring ${args.seconds} s`);
    await sleep(1000);

    const startAtEpochMs = Date.now() + 500;
    const windowStartEpoch = startAtEpochMs + args.warmup * 1000;
    const windowEndEpoch = windowStartEpoch + args.seconds * 1000;
    const loadBefore = loadAverage();
    const results = workers.map((worker) => nextMessage(worker, "result", (args.warmup + args.seconds + args.drain + 120) * 1000));
    for (const worker of workers)
      worker.send({ type: "run", startAtEpochMs, warmupMs: args.warmup * 1000, measureMs: args.seconds * 1000, drainMs: args.drain * 1000 });

    await sleep(windowStartEpoch - Date.now());
    const databasePid = kind === "ours" && process.env.BENCH_DATABASE_PID ? Number(process.env.BENCH_DATABASE_PID) : undefined;
    const ours = () =>
      [pid, process.pid, ...workers.map((worker) => worker.pid!)].reduce((sum, p) => sum + (processCpuSeconds(p) ?? 0), 0) +
      (databasePid ? processTreeCpuSeconds(databasePid) : 0);
    server.send({ type: "eld-reset" });
    const databaseCpuStart = databasePid ? processTreeCpuSeconds(databasePid) : Number.NaN;
    const cpuStart = processCpuSeconds(pid) ?? Number.NaN;
    const machineStart = machineCpuSeconds();
    const oursStart = ours();
    const wallStart = Date.now();
    await sleep(windowEndEpoch - Date.now());
    const cpuEnd = processCpuSeconds(pid) ?? Number.NaN;
    const databaseCpu = databasePid ? processTreeCpuSeconds(databasePid) - databaseCpuStart : Number.NaN;
    const machineEnd = machineCpuSeconds();
    const oursEnd = ours();
    const wallSeconds = (Date.now() - wallStart) / 1000;
    const loadAfter = loadAverage();
    server.send({ type: "stats" });
    const serverStats = await nextMessage(server, "stats", 30_000);

    const workerResults = (await Promise.all(results)) as unknown as WorkerResult[];
    let db: Record<string, number | string> | undefined;
    if (kind === "ours") {
      server.send({ type: "dbstats" });
      const stats = await nextMessage(server, "dbstats", 60_000);
      db = Object.fromEntries(Object.entries(stats).filter(([key]) => key !== "type")) as Record<string, number | string>;
    }
    const hwm = processMemory(pid)?.hwm ?? Number.NaN;

    const all = sortedCopy(workerResults.flatMap((result) => result.latencies));
    const sends = workerResults.reduce((sum, result) => sum + result.sends, 0);
    const expected = workerResults.reduce((sum, result) => sum + result.expected, 0);
    const received = workerResults.reduce((sum, result) => sum + result.received, 0);
    const windowSeconds = args.seconds;
    const serverCpuSeconds = cpuEnd - cpuStart;
    const machineBusy = machineEnd.busy - machineStart.busy;
    return {
      kind,
      database: String(listening.description),
      connect: {
        ms: connectMs,
        clients: tokens.length,
        failed,
        serverCpuSeconds: connectCpu,
        closeCodes: ready.reduce<Record<string, number>>((sum, message) => {
          for (const [code, count] of Object.entries(message.closeCodes as Record<string, number>)) sum[code] = (sum[code] ?? 0) + count;
          return sum;
        }, {}),
      },
      latency: { samples: all.length, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all[all.length - 1] },
      samples: all,
      wallSeconds,
      rounds: 1,
      sends,
      expected,
      received,
      windowSeconds,
      sendsPerSecond: sends / windowSeconds,
      deliveredPerSecond: received / windowSeconds,
      serverCpuSeconds,
      databaseCpuSeconds: databaseCpu,
      serverCores: serverCpuSeconds / wallSeconds,
      cpuMicrosPerDelivered: (serverCpuSeconds / received) * 1e6,
      rssIdle,
      rssPeak,
      hwm,
      serverEventLoop: serverStats.eventLoop as { p50: number; p99: number; max: number },
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
      converged: workerResults.reduce((sum, result) => sum + result.converged, 0),
      rooms: workerResults.reduce((sum, result) => sum + result.rooms, 0),
      loadBefore,
      loadAfter,
      db,
    };
  } finally {
    clearInterval(sampler);
    await Promise.all(workers.map((worker) => stopChild(worker, 5000)));
    await stopChild(server, 15_000);
  }
}

/** One server's rounds as one result: samples pooled, counts and CPU summed, peaks the highest. */
export function combine(results: RunResult[]): RunResult {
  if (results.length === 1) return results[0];
  const sum = (pick: (run: RunResult) => number) => results.reduce((total, run) => total + pick(run), 0);
  const max = (pick: (run: RunResult) => number) => Math.max(...results.map(pick));
  const all = new Float64Array(sum((run) => run.samples.length));
  let offset = 0;
  for (const run of results) {
    all.set(run.samples, offset);
    offset += run.samples.length;
  }
  all.sort();
  const [first] = results;
  const received = sum((run) => run.received);
  const serverCpuSeconds = sum((run) => run.serverCpuSeconds);
  const wallSeconds = sum((run) => run.wallSeconds);
  const windowSeconds = sum((run) => run.windowSeconds);
  const closeCodes: Record<string, number> = {};
  for (const run of results) for (const [code, count] of Object.entries(run.connect.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + count;
  return {
    ...first,
    connect: {
      ms: sum((run) => run.connect.ms) / results.length,
      clients: first.connect.clients,
      failed: sum((run) => run.connect.failed),
      serverCpuSeconds: sum((run) => run.connect.serverCpuSeconds) / results.length,
      closeCodes,
    },
    latency: { samples: all.length, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all[all.length - 1] },
    samples: all,
    wallSeconds,
    rounds: results.length,
    sends: sum((run) => run.sends),
    expected: sum((run) => run.expected),
    received,
    windowSeconds,
    sendsPerSecond: sum((run) => run.sends) / windowSeconds,
    deliveredPerSecond: received / windowSeconds,
    serverCpuSeconds,
    databaseCpuSeconds: sum((run) => run.databaseCpuSeconds),
    serverCores: serverCpuSeconds / wallSeconds,
    cpuMicrosPerDelivered: (serverCpuSeconds / received) * 1e6,
    rssIdle: max((run) => run.rssIdle),
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
