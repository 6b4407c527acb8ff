// npm run bench:collab [-- --clients 500 --rooms 100 --editors 2 --rate 5 --seconds 30]
//
// Our collaboration server and the reference y-websocket server (@y/websocket-server@0.1.1), one after the other in
// the same run, each in its own process, driven by the same client processes with the same parameters; then the cold
// load and storage of large documents. Prints the figures and writes them to bench/results/collab.md.
// See bench/README.md for what is measured and how.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { SetupMessage, WorkerResult, WorkerRoom } from "./client-worker";
import type { ColdLoadResult } from "./cold-load";
import {
  flag,
  fmt,
  loadAverage,
  machineCpuSeconds,
  mb,
  numberArgs,
  percentile,
  processCpuSeconds,
  processTreeCpuSeconds,
  processMemory,
  sleep,
  sortedCopy,
  stringArg,
} from "./lib";

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const args = numberArgs(argv, {
  clients: 500,
  rooms: 100,
  editors: 2,
  rate: 5,
  seconds: 30,
  warmup: 5,
  drain: 3,
  workers: 2,
  "connect-concurrency": 20,
  "cold-ops": 100_000,
  "cold-loads": 20,
  "cold-tail": 499,
  seed: 1,
  rounds: 1,
});
const only = stringArg(argv, "only"); // "ours" | "reference"
const awareness = stringArg(argv, "awareness") !== "off"; // off: clients publish no awareness state
const profileDir = stringArg(argv, "profile-server"); // a directory: the servers run with --cpu-prof into it
const skipColdLoad = flag(argv, "skip-cold-load");
const coldLoadOnly = flag(argv, "cold-load-only");
const outPath = stringArg(argv, "out") ?? join(here, "results", "collab.md");
const note = stringArg(argv, "note");
const envShown = ["BENCH_DATABASE_URL", "BENCH_DATABASE_PID"]
  .filter((name) => process.env[name])
  .map((name) => `${name}=${name === "BENCH_DATABASE_URL" ? process.env[name]!.replace(/:[^:@/]*@/, ":…@") : process.env[name]} `)
  .join("");
const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const command = `${envShown}npm run bench:collab${argv.length ? ` -- ${argv.map(shellQuote).join(" ")}` : ""}`;

type ServerKind = "reference" | "ours";
type ChildMessage = { type: string; [key: string]: unknown };

// ---------------------------------------------------------------------------------------------------------------
// Child processes: every one tracked, every one ended on the way out, whatever happens.

const children = new Set<ChildProcess>();
let tempDir: string | undefined;
let dropDatabases: (() => Promise<void>) | undefined;

function start(script: string, scriptArgs: string[] = [], env: Record<string, string> = {}, extraExecArgv: string[] = []): ChildProcess {
  const child = fork(join(here, script), scriptArgs, {
    execArgv: ["--import", "tsx", ...extraExecArgv],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function nextMessage(child: ChildProcess, type: string, timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no "${type}" from ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type === type) finish(null, message);
      else if (message.type === "error") finish(new Error(`child ${child.pid}: ${String(message.message)}`));
    };
    const onExit = (code: number | null) => finish(new Error(`child ${child.pid} exited (${code}) before "${type}"`));
    function finish(error: Error | null, message?: ChildMessage) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    if (child.connected) child.send({ type: "stop" });
    else child.kill("SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

function killEverythingNow(): void {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {
      // gone already
    }
  }
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
process.on("exit", killEverythingNow);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's processes.`);
    void (dropDatabases?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });

// ---------------------------------------------------------------------------------------------------------------
// One server under load.

type RunResult = {
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

async function runServer(kind: ServerKind, tokens: { room: string; token: string }[], ourEnv: Record<string, string>): Promise<RunResult> {
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
function combine(results: RunResult[]): RunResult {
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

// ---------------------------------------------------------------------------------------------------------------
// The report.

/** The commit, and which of the server's files differ from it (the benchmark measures the working tree). */
function codeVersion(): string {
  try {
    const git = (...gitArgs: string[]) => execFileSync("git", gitArgs, { cwd: join(here, ".."), encoding: "utf8" }).trimEnd();
    const changed = git("status", "--porcelain", "--", "server", "db", "app").split("\n").filter(Boolean);
    return `${git("rev-parse", "--short", "HEAD")}${changed.length ? ` + uncommitted changes in ${changed.length} file(s) under server/, db/, app/ (${changed.map((line) => line.slice(3)).slice(0, 8).join(", ")}${changed.length > 8 ? ", …" : ""})` : " (clean)"}`;
  } catch {
    return "unknown (not a git checkout?)";
  }
}

function machine() {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
  return {
    cpus: cpus().length,
    cpuModel,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    kernel: release(),
  };
}

const ms = (value: number) => fmt(value, 1);
const ratio = (ours: number, reference: number) => (Number.isFinite(ours / reference) ? `${(ours / reference).toFixed(2)}×` : "–");

function serverTable(runs: RunResult[]): string {
  const ref = runs.find((run) => run.kind === "reference");
  const our = runs.find((run) => run.kind === "ours");
  const rows: [string, (run: RunResult) => number, (value: number) => string, boolean][] = [
    ["server CPU µs per delivered update", (run) => run.cpuMicrosPerDelivered, (v) => fmt(v, 1), true],
    ["server CPU seconds (measured window)", (run) => run.serverCpuSeconds, (v) => fmt(v, 2), true],
    ["server CPU (cores)", (run) => run.serverCores, (v) => fmt(v, 3), true],
    ...(process.env.BENCH_DATABASE_PID
      ? ([
          ["PostgreSQL server CPU seconds (separate processes)", (run) => run.databaseCpuSeconds, (v) => fmt(v, 2), false],
          ["server + PostgreSQL CPU µs per delivered update", (run) => ((run.serverCpuSeconds + (Number.isNaN(run.databaseCpuSeconds) ? 0 : run.databaseCpuSeconds)) / run.received) * 1e6, (v) => fmt(v, 1), true],
        ] as typeof rows)
      : []),
    ["latency p50 (ms)", (run) => run.latency.p50, ms, true],
    ["latency p95 (ms)", (run) => run.latency.p95, ms, true],
    ["latency p99 (ms)", (run) => run.latency.p99, ms, true],
    ["latency max (ms)", (run) => run.latency.max, ms, true],
    ["updates sent per second", (run) => run.sendsPerSecond, (v) => fmt(v, 0), true],
    ["updates delivered per second", (run) => run.deliveredPerSecond, (v) => fmt(v, 0), true],
    ["deliveries missing after drain", (run) => run.expected - run.received, (v) => fmt(v, 0), false],
    ["server event-loop delay p99 (ms)", (run) => run.serverEventLoop.p99, ms, true],
    ["server event-loop delay max (ms)", (run) => run.serverEventLoop.max, ms, true],
    ["server peak RSS during the run", (run) => run.rssPeak, mb as (v: number) => string, true],
    ["server RSS idle after start", (run) => run.rssIdle, mb as (v: number) => string, true],
    ["server VmHWM (lifetime peak)", (run) => run.hwm, mb as (v: number) => string, true],
    ["connect + sync all clients (s)", (run) => run.connect.ms / 1000, (v) => fmt(v, 1), true],
    ["server CPU seconds while connecting", (run) => run.connect.serverCpuSeconds, (v) => fmt(v, 2), true],
  ];
  const header = `| | reference | ours | ours / reference |\n| --- | ---: | ---: | ---: |`;
  const lines = rows.map(([label, pick, format, withRatio]) => {
    const a = ref ? pick(ref) : Number.NaN;
    const b = our ? pick(our) : Number.NaN;
    return `| ${label} | ${ref ? format(a) : "–"} | ${our ? format(b) : "–"} | ${withRatio && ref && our ? ratio(b, a) : ""} |`;
  });
  return [header, ...lines].join("\n");
}

function clientTable(runs: RunResult[]): string {
  const lines = [
    "| server | client process | client CPU (cores) | send lag p50 / p99 / max (ms) | sends skipped (> 1 s late) | event-loop delay p99 / max (ms) | disconnects (close codes) | other load on the machine (cores) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const run of runs)
    run.workers.forEach((worker, index) =>
      lines.push(
        `| ${run.kind} | ${run.rounds > 1 ? `round ${Math.floor(index / args.workers) + 1}, ` : ""}${(index % args.workers) + 1} | ${fmt(worker.cpuCores, 2)} | ${ms(worker.sendLagP50)} / ${ms(worker.sendLagP99)} / ${ms(worker.sendLagMax)} | ${worker.skipped} | ${ms(worker.loopP99)} / ${ms(worker.loopMax)} | ${worker.disconnects}${worker.disconnects ? ` (${Object.entries(worker.closeCodes).map(([code, count]) => `${code}×${count}`).join(", ")})` : ""} | ${index === 0 ? `${fmt(run.otherCores, 2)} (machine busy ${fmt(run.machineBusyCores, 2)} of ${cpus().length}; load avg ${run.loadBefore} → ${run.loadAfter})` : ""} |`,
      ),
    );
  return lines.join("\n");
}

function coldTable(cold: ColdLoadResult): string {
  const lines = [
    "| | " + cold.cases.map((c) => c.name).join(" | ") + " |",
    "| --- | " + cold.cases.map(() => "---:").join(" | ") + " |",
  ];
  const row = (label: string, pick: (c: ColdLoadResult["cases"][number]) => string) => lines.push(`| ${label} | ${cold.cases.map(pick).join(" | ")} |`);
  row("operations (inserts / deletes)", (c) => `${c.ops.toLocaleString("en-GB")} (${c.inserts.toLocaleString("en-GB")} / ${c.deletes.toLocaleString("en-GB")})`);
  row("editing sessions (client ids)", (c) => String(c.sessions));
  row("final text length (chars)", (c) => c.textLength.toLocaleString("en-GB"));
  row("merged state (encodeStateAsUpdate)", (c) => `${c.stateBytes.toLocaleString("en-GB")} B`);
  row("**loadDocument p50 / p95 (ms)**", (c) => `**${ms(c.loadP50)} / ${ms(c.loadP95)}**`);
  row("first load (ms)", (c) => ms(c.loadFirstMs));
  row("bare Y.applyUpdate of the merged state, median of 5 (ms)", (c) => ms(c.bareApplyMedian));
  row("**loadDocument p50 / bare applyUpdate**", (c) => `**${fmt(c.loadVsBare, 2)}×**`);
  row("load breakdown p50: SQL / apply snapshot / merge tail / apply tail (ms)", (c) => `${ms(c.sqlOnlyP50)} / ${ms(c.snapshotApplyP50)} / ${ms(c.tailMergeP50)} / ${ms(c.tailApplyP50)}`);
  row("snapshot (bytes)", (c) => c.snapshotBytes.toLocaleString("en-GB"));
  row("log rows: one per keystroke → after mergeLogByPersonAndMinute", (c) => `${c.rowsBeforeMerge.toLocaleString("en-GB")} → ${c.rowsAfterMerge.toLocaleString("en-GB")} (tail ${c.tailRows})`);
  row("log bytes after the merge", (c) => c.logBytes.toLocaleString("en-GB"));
  row("**stored bytes (log + snapshot) / merged state**", (c) => `**${c.storedBytes.toLocaleString("en-GB")} B = ${fmt(c.storageRatio, 2)}×**`);
  row("same, as PostgreSQL stores it (pg_column_size, compressed)", (c) => `${(c.logStoredBytes + c.snapshotStoredBytes).toLocaleString("en-GB")} B = ${fmt((c.logStoredBytes + c.snapshotStoredBytes) / c.stateBytes, 2)}×`);
  row("mergeLogByPersonAndMinute after each 500 rows: calls, p50 / max (ms)", (c) => `${c.mergeLogCalls}, ${fmt(c.mergeLogP50, 0)} / ${fmt(c.mergeLogMax, 0)}`);
  row("the single updates merged in batches of 1,000 then once (ms → bytes)", (c) => `${fmt(c.mergeBatchesMs, 0)} → ${c.mergedUpdatesBytes.toLocaleString("en-GB")}`);
  row("loaded text equals the generated text", (c) => (c.verified ? "yes" : "**NO**"));
  return lines.join("\n");
}

function reading(runs: RunResult[], cold: ColdLoadResult | undefined): string[] {
  const out: string[] = [];
  const ref = runs.find((run) => run.kind === "reference");
  const our = runs.find((run) => run.kind === "ours");
  if (ref && our) {
    const p99 = our.latency.p99 / ref.latency.p99;
    const clientCores = Math.max(...[...ref.workers, ...our.workers].map((worker) => worker.cpuCores));
    const lag = Math.max(...[...ref.workers, ...our.workers].map((worker) => worker.sendLagP99));
    out.push(
      `- **p99 latency: ours ${ms(our.latency.p99)} ms vs reference ${ms(ref.latency.p99)} ms = ${p99.toFixed(2)}× (target ≤ 1.25×): ${p99 <= 1.25 ? "met" : "not met"} in this run.**`,
      `- Server CPU per delivered update: ours ${fmt(our.cpuMicrosPerDelivered, 1)} µs vs reference ${fmt(ref.cpuMicrosPerDelivered, 1)} µs (${ratio(our.cpuMicrosPerDelivered, ref.cpuMicrosPerDelivered)}); ours also authorises, audits, persists every update and re-checks access every 2 s, and its embedded database (if PGlite) runs inside its process and is counted in its CPU and RSS. The reference also echoes every update back to its sender (5 messages per update in a room of 5, against our 4), so its per-delivery figure includes that extra send.`,
      `- Client side: the busiest client process used ${fmt(clientCores, 2)} cores; worst send-lag p99 ${ms(lag)} ms. ${
        clientCores > 0.5 || lag > 20
          ? "The clients did not keep their schedule (above half a core, or sends late): the harness contributes to the latency tail, so read the latency figures with that in mind; CPU per delivered update is the cleaner comparison."
          : "The clients kept their schedule below half a core: the latency figures are the servers', not the harness's."
      }`,
    );
    if (ref.rounds === 1)
      out.push("- One round per server: on a shared machine the latency tail moves with whatever else runs during each window (compare the 'other load' column); `--rounds 2` or more alternates the order and pools the samples.");
    const other = Math.max(ref.otherCores, our.otherCores);
    if (other > 0.2) out.push(`- Other work on the machine used up to ${fmt(other, 2)} cores during a measured window: the two servers did not see the same background, and a 2-core machine has little headroom.`);
    const missing = [ref, our].filter((run) => run.expected !== run.received);
    if (missing.length) out.push(`- Deliveries missing after the drain: ${missing.map((run) => `${run.kind} ${run.expected - run.received} of ${run.expected}`).join(", ")}.`);
    for (const run of [ref, our])
      if (Object.keys(run.connect.closeCodes).length)
        out.push(`- ${run.kind}: sockets closed by the server while clients were still connecting: ${Object.entries(run.connect.closeCodes).map(([code, count]) => `${code}×${count}`).join(", ")}.`);
    const closed4409 = our.workers.reduce((sum, worker) => sum + (worker.closeCodes["4409"] ?? 0), 0) + (our.connect.closeCodes["4409"] ?? 0);
    if (closed4409)
      out.push(
        `- **Ours closed ${closed4409} client sockets with 4409 ("too many refused edits"), which the stock provider treats as final (no reconnect).** The audit trail's refusals: ${our.db?.refusals || "none"}. The stock y-websocket provider re-sends every awareness change it receives, other people's included; the server counts each such entry for a client id held by another connection as a refused edit and closes after three. Those clients stop receiving, which shows up as missing deliveries and lowers our load in the rest of the window.`,
      );
    if (ref.converged !== ref.rooms || our.converged !== our.rooms) out.push(`- Rooms converged: reference ${ref.converged}/${ref.rooms}, ours ${our.converged}/${our.rooms}.`);
  }
  if (cold)
    for (const c of cold.cases) {
      if (c.name === "typing") out.push(`- **Cold load, typing-like ${c.ops.toLocaleString("en-GB")} operations: p95 ${ms(c.loadP95)} ms (target < 100 ms): ${c.loadP95 < 100 ? "met" : "not met"}.** Stored ${fmt(c.storageRatio, 2)}× the merged state (target ≤ 3×): ${c.storageRatio <= 3 ? "met" : "not met"}.`);
      else out.push(`- **Cold load, worst case: loadDocument p50 ${ms(c.loadP50)} ms = ${fmt(c.loadVsBare, 2)}× a bare Y.applyUpdate of the same state (target ≤ 1.1×): ${c.loadVsBare <= 1.1 ? "met" : "not met"}.** Stored ${fmt(c.storageRatio, 2)}× the merged state (target ≤ 3×): ${c.storageRatio <= 3 ? "met" : "not met"}.`);
    }
  return out;
}

function roundsTable(rounds: RunResult[]): string {
  const lines = [
    "| # | server | latency p50 / p95 / p99 (ms) | server event-loop delay p99 / max (ms) | server CPU µs per delivered update | client send lag p99, worst (ms) | other load (cores) | our snapshots so far |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  rounds.forEach((run, index) =>
    lines.push(
      `| ${index + 1} | ${run.kind} | ${ms(run.latency.p50)} / ${ms(run.latency.p95)} / ${ms(run.latency.p99)} | ${ms(run.serverEventLoop.p99)} / ${ms(run.serverEventLoop.max)} | ${fmt(run.cpuMicrosPerDelivered, 1)} | ${ms(Math.max(...run.workers.map((worker) => worker.sendLagP99)))} | ${fmt(run.otherCores, 2)} | ${run.db ? String(run.db.snapshots) : ""} |`,
    ),
  );
  return lines.join("\n");
}

function report(runs: RunResult[], cold: ColdLoadResult | undefined, startedAt: Date, durationS: number, rounds: RunResult[] = []): string {
  const m = machine();
  const lines = [
    "# Collaboration benchmark",
    "",
    `- Date: ${startedAt.toISOString()} (took ${Math.round(durationS)} s)`,
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memory} memory, Linux ${m.kernel}, Node ${m.node}`,
    `- Command: \`${command}\``,
    `- Code: ${codeAtStart}`,
    `- Parameters: ${args.rounds > 1 ? `${args.rounds} rounds per server in alternating order (reference, ours, ours, reference, …; latency samples pooled, CPU and counts summed, peaks the highest; our database is kept between rounds), each ` : ""}${args.clients} clients over ${args.rooms} rooms, ${args.editors} editors per room at ${args.rate} updates/s each, ${args.seconds} s measured after ${args.warmup} s warm-up, ${args.drain} s drain; ${args.workers} client processes (each room whole in one), stock y-websocket@3.1.0 providers (disableBc), one Y.Doc per client; awareness ${awareness ? "on (the stock default: each client publishes an empty state, renewed every 15 s, and re-sends every awareness change it receives)" : "off (no client publishes an awareness state)"}`,
    `- Servers, one after the other, same harness: reference = @y/websocket-server@0.1.1 setupWSConnection on ws@8, no persistence, no auth; ours = createPortal (cookie session + origin check, case access policy, audit row per connection, every update stored in batches, snapshots, access re-checks every 2 s)${runs.find((run) => run.kind === "ours") ? `, database: ${runs.find((run) => run.kind === "ours")!.database}` : ""}`,
    ...(note ? [`- Note: ${note}`] : []),
    "",
  ];
  if (runs.length) {
    lines.push("## Servers under load", "", serverTable(runs), "");
    if (rounds.length > runs.length) lines.push("### Each round, in the order run", "", roundsTable(rounds), "");
    lines.push("### Clients and machine during the measured window", "", clientTable(runs), "");
    const our = runs.find((run) => run.kind === "ours");
    if (our?.db)
      lines.push(
        `Our server's database after the run: ${our.db.rows} log rows holding ${our.db.changes} accepted updates (${Number(our.db.bytes).toLocaleString("en-GB")} B), ${our.db.snapshots} snapshots (${Number(our.db.snapshotBytes).toLocaleString("en-GB")} B), ${our.db.opens} open:document audit rows (${our.db.audits} audit rows in all). Stored per document (log + snapshot) against its merged state: ${fmt((Number(our.db.bytes) + Number(our.db.snapshotBytes)) / Number(our.db.stateBytes), 2)}× (${our.db.documents} documents, ${Number(our.db.stateBytes).toLocaleString("en-GB")} B of merged state). Refusals in the audit trail: ${our.db.refusals || "none"}.`,
        "",
      );
  }
  if (cold) lines.push(`## Cold load and storage (${cold.database})`, "", coldTable(cold), "");
  lines.push("## Reading", "", ...reading(runs, cold), "");
  lines.push(
    "## How it was measured",
    "",
    "- Latency: each editor inserts `<sender:seq:time>` into the room's Y.Text at a random position on an open-loop schedule; every other client in the room records `performance.now()` − send time when the update has been applied to its Y.Doc (its `update` event; the marker is read from the update's bytes; sender and receivers are in one process, one clock). Only sends inside the measured window count; the figure includes the client process's own queueing, so it is read beside the client's CPU, send lag and event-loop delay.",
    "- Send lag: how late each send ran against its schedule (negative: a timer fired up to 1 ms early); sends more than 1 s late skip the missed slots instead of bursting. Server CPU: utime+stime from /proc/<pid>/stat over the measured window. Peak RSS: VmRSS sampled every 200 ms from start to the end of the drain; VmHWM is the process's lifetime peak (including start-up).",
    "- Other load: the machine's busy CPU (/proc/stat) during the window minus the benchmark's own processes (server, client processes, harness).",
    `- Cold load: see bench/cold-load.ts. The log is stored as the server stores it at typing speed (one row per keystroke), merged with mergeLogByPersonAndMinute after every 500 rows (when the server snapshots), snapshotted at seq N − tail with writeSnapshot; the tail is left unmerged. loadDocument is timed ${args["cold-loads"]}× after one warm-up load.`,
    "",
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------------------------

const codeAtStart = codeVersion();

async function main(): Promise<void> {
  const startedAt = new Date();
  tempDir = mkdtempSync(join(tmpdir(), "pp-bench-collab-"));
  const ourEnv: Record<string, string> = {};
  const coldEnv: Record<string, string> = {};
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (databaseUrl) {
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const names = [`bench_collab_${suffix}`, `bench_cold_${suffix}`];
    for (const name of names) await admin.unsafe(`create database ${name}`);
    await admin.end();
    const urlFor = (name: string) => {
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      return url.toString();
    };
    ourEnv.BENCH_DATABASE_URL = urlFor(names[0]);
    coldEnv.BENCH_DATABASE_URL = urlFor(names[1]);
    dropDatabases = async () => {
      const cleanup = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      for (const name of names) await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    };
  } else {
    ourEnv.BENCH_DATA_DIR = join(tempDir, "ours");
    coldEnv.BENCH_DATA_DIR = join(tempDir, "cold");
  }

  const runs: RunResult[] = [];
  const rounds: RunResult[] = [];
  let cold: ColdLoadResult | undefined;
  try {
    if (!coldLoadOnly) {
      console.log(`Preparing our database: ${args.rooms} cases, ${args.clients} sessions`);
      const prep = start("our-server.ts", ["prepare", String(args.rooms), String(args.clients)], ourEnv);
      const prepared = await nextMessage(prep, "prepared", 300_000);
      await stopChild(prep, 5000);
      const tokens = prepared.tokens as { room: string; token: string }[];
      // Rounds alternate the order (reference, ours, ours, reference, …) so a change in the machine's background
      // load falls on both servers alike.
      const perKind = new Map<ServerKind, RunResult[]>();
      for (let round = 0; round < Math.max(1, args.rounds); round++) {
        const base: ServerKind[] = only === "ours" ? ["ours"] : only === "reference" ? ["reference"] : ["reference", "ours"];
        const order = round % 2 === 0 ? base : [...base].reverse();
        for (const kind of order) {
          const result = await runServer(kind, tokens, ourEnv);
          perKind.set(kind, [...(perKind.get(kind) ?? []), result]);
          rounds.push(result);
          console.log(serverTable([result]));
          await sleep(2000);
        }
      }
      for (const kind of ["reference", "ours"] as const) if (perKind.has(kind)) runs.push(combine(perKind.get(kind)!));
    }
    if (!skipColdLoad) {
      console.log(`\n== cold load: ${args["cold-ops"]} operations, typing-like and worst case`);
      const child = start("cold-load.ts", ["--ops", String(args["cold-ops"]), "--loads", String(args["cold-loads"]), "--tail", String(args["cold-tail"])], coldEnv);
      cold = (await nextMessage(child, "cold-load", 30 * 60_000)).result as ColdLoadResult;
      await stopChild(child, 5000);
    }
  } finally {
    for (const child of [...children]) await stopChild(child, 5000);
    await dropDatabases?.();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  }

  const text = report(runs, cold, startedAt, (Date.now() - startedAt.getTime()) / 1000, rounds);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
  console.log(`\n${text}\nWritten to ${outPath}`);
}

main().catch((error: unknown) => {
  console.error("bench:collab failed:", error instanceof Error ? error.stack : error);
  process.exitCode = 1;
  for (const child of children) child.kill("SIGKILL");
  void (dropDatabases?.() ?? Promise.resolve()).finally(() => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    process.exit(1);
  });
});
