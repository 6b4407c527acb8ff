// The report: the servers side by side, each round, the clients and the machine, the cold load, a short reading of
// the figures against the targets, and how they were measured. Printed, and written to bench/results/collab.md.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { join } from "node:path";
import type { ColdLoadResult } from "../cold-load";
import { fmt, loadAverage, mb, ms, ratio } from "../lib";
import { args, awareness, benchDir, command, note, severalNodes } from "./options";
import { nodesMethod, nodesParameters, nodesReading, nodesSections } from "./report-nodes";
import type { RunResult, ServerKind } from "./run-server";

/** The code measured, as it stood when the benchmark started, and the machine's load then. */
const codeAtStart = codeVersion();
const loadAtStart = loadAverage();

/** The commit, and which of the server's files differ from it (the benchmark measures the working tree). */
function codeVersion(): string {
  try {
    const git = (...gitArgs: string[]) => execFileSync("git", gitArgs, { cwd: join(benchDir, ".."), encoding: "utf8" }).trimEnd();
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


/** The servers side by side: reference | ours (| ours as N nodes), with the ratios that matter beside. */
export function serverTable(runs: RunResult[]): string {
  const ref = runs.find((run) => run.kind === "reference");
  const our = runs.find((run) => run.kind === "ours");
  const nodes = runs.find((run) => run.kind === "nodes");
  const several = severalNodes;
  const redisSeconds = (run: RunResult) => run.redis?.cpuSeconds ?? 0;
  const rows: [string, (run: RunResult) => number, (value: number) => string, boolean][] = [
    [several ? "server CPU µs per delivered update (all nodes)" : "server CPU µs per delivered update", (run) => run.cpuMicrosPerDelivered, (v) => fmt(v, 1), true],
    ...(several
      ? ([
          ["Redis CPU seconds (INFO cpu, measured window)", (run) => run.redis?.cpuSeconds ?? Number.NaN, (v) => fmt(v, 2), false],
          ["**servers + Redis CPU µs per delivered update**", (run) => ((run.serverCpuSeconds + redisSeconds(run)) / run.received) * 1e6, (v) => `**${fmt(v, 1)}**`, true],
        ] as typeof rows)
      : []),
    [several ? "server CPU seconds (measured window, all nodes)" : "server CPU seconds (measured window)", (run) => run.serverCpuSeconds, (v) => fmt(v, 2), true],
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
    [several ? "server peak RSS during the run (summed over nodes)" : "server peak RSS during the run", (run) => run.rssPeak, mb as (v: number) => string, true],
    ...(several ? ([["peak RSS of the largest node", (run) => Math.max(...run.nodes.map((node) => node.rssPeak)), mb as (v: number) => string, true]] as typeof rows) : []),
    [several ? "server RSS idle after start (summed)" : "server RSS idle after start", (run) => run.rssIdle, mb as (v: number) => string, true],
    [several ? "server RSS idle 10 s after start (summed)" : "server RSS idle 10 s after start", (run) => run.rssSettled, mb as (v: number) => string, true],
    [several ? "server VmHWM (lifetime peak, summed)" : "server VmHWM (lifetime peak)", (run) => run.hwm, mb as (v: number) => string, true],
    ["JS heap used at the end of the window", (run) => run.heapEnd.heapUsed, mb as (v: number) => string, true],
    ["JS heap reserved at the end of the window", (run) => run.heapEnd.heapTotal, mb as (v: number) => string, true],
    ["external memory (array buffers included) at the end of the window", (run) => run.heapEnd.external, mb as (v: number) => string, true],
    ["connect + sync all clients (s)", (run) => run.connect.ms / 1000, (v) => fmt(v, 1), true],
    ["server CPU seconds while connecting", (run) => run.connect.serverCpuSeconds, (v) => fmt(v, 2), true],
  ];
  const columns: [ServerKind, RunResult | undefined][] = [
    ["reference", ref],
    ["ours", our],
    ...(several ? ([["nodes", nodes]] as [ServerKind, RunResult | undefined][]) : []),
  ];
  const ratios: [string, RunResult | undefined, RunResult | undefined][] = several
    ? [
        [`${args.nodes} nodes / one node`, nodes, our],
        [`${args.nodes} nodes / reference`, nodes, ref],
        ["one node / reference", our, ref],
      ]
    : [["ours / reference", our, ref]];
  const names = columns.map(([kind]) => (kind === "nodes" ? `ours, ${args.nodes} nodes` : several && kind === "ours" ? "ours, one node" : kind));
  const header = `| | ${[...names, ...ratios.map(([name]) => name)].join(" | ")} |\n| --- |${" ---: |".repeat(names.length + ratios.length)}`;
  const lines = rows.map(([label, pick, format, withRatio]) => {
    const cells = columns.map(([, run]) => (run ? format(pick(run)) : "–"));
    const ratioCells = ratios.map(([, top, bottom]) => (withRatio && top && bottom ? ratio(pick(top), pick(bottom)) : ""));
    return `| ${label} | ${[...cells, ...ratioCells].join(" | ")} |`;
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
  row("load breakdown p50: SQL / apply snapshot / apply tail (ms)", (c) => `${ms(c.sqlOnlyP50)} / ${ms(c.snapshotApplyP50)} / ${ms(c.tailApplyP50)}`);
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
    const target = (label: string, value: string, met: boolean, aim: string) => `- **${label}: ${value} (target ${aim}): ${met ? "met" : "not met"} in this run.**`;
    const cpu = our.cpuMicrosPerDelivered / ref.cpuMicrosPerDelivered;
    const loop = our.serverEventLoop.p99 / ref.serverEventLoop.p99;
    const connect = our.connect.serverCpuSeconds / ref.connect.serverCpuSeconds;
    const embedded = our.database.startsWith("embedded");
    const peak = our.rssPeak / ref.rssPeak;
    out.push(
      embedded
        ? target("Server CPU per delivered update", `${cpu.toFixed(2)}× the reference`, cpu <= 1.2, "≤ 1.2× on the embedded database")
        : target("Server CPU per delivered update, the PostgreSQL server's counted separately", `${cpu.toFixed(2)}× the reference`, cpu <= 1.1, "≤ 1.1× on a PostgreSQL server"),
      target("Event-loop delay p99", `${loop.toFixed(2)}×`, loop <= 1.5, "≤ 1.5×"),
      ...(embedded
        ? [
            target("RSS idle after start", `${mb(our.rssIdle)}, ${mb(our.rssSettled)} 10 s after`, our.rssIdle <= 200 * 1024 * 1024, "≤ 200 MB on the embedded database"),
            target("Peak RSS", mb(our.rssPeak), our.rssPeak <= 260 * 1024 * 1024, "≤ 260 MB on the embedded database"),
          ]
        : [target("Peak RSS", `${mb(our.rssPeak)}, ${peak.toFixed(2)}× the reference`, peak <= 1.3, "≤ 1.3× on a PostgreSQL server")]),
      target("Server CPU while 500 clients connect", `${connect.toFixed(2)}×`, connect <= 3, "≤ 3×"),
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
    const missing = runs.filter((run) => run.expected !== run.received);
    if (missing.length) out.push(`- Deliveries missing after the drain: ${missing.map((run) => `${run.kind} ${run.expected - run.received} of ${run.expected}`).join(", ")}.`);
    for (const run of runs)
      if (Object.keys(run.connect.closeCodes).length)
        out.push(`- ${run.kind}: sockets closed by the server while clients were still connecting: ${Object.entries(run.connect.closeCodes).map(([code, count]) => `${code}×${count}`).join(", ")}.`);
    const closed4409 = our.workers.reduce((sum, worker) => sum + (worker.closeCodes["4409"] ?? 0), 0) + (our.connect.closeCodes["4409"] ?? 0);
    if (closed4409)
      out.push(
        `- **Ours closed ${closed4409} client sockets with 4409 ("too many refused edits"), which the stock provider treats as final (no reconnect).** The audit trail's refusals: ${our.db?.refusals || "none"}. The stock y-websocket provider re-sends every awareness change it receives, other people's included; the server counts each such entry for a client id held by another connection as a refused edit and closes after three. Those clients stop receiving, which shows up as missing deliveries and lowers our load in the rest of the window.`,
      );
    if (runs.some((run) => run.converged !== run.rooms)) out.push(`- Rooms converged: ${runs.map((run) => `${run.kind} ${run.converged}/${run.rooms}`).join(", ")}.`);
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

export function report(runs: RunResult[], cold: ColdLoadResult | undefined, startedAt: Date, durationS: number, rounds: RunResult[] = []): string {
  const m = machine();
  const lines = [
    severalNodes ? `# Collaboration benchmark: ${args.nodes} nodes` : "# Collaboration benchmark",
    "",
    `- Date: ${startedAt.toISOString()} (took ${Math.round(durationS)} s)`,
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memory} memory, Linux ${m.kernel}, Node ${m.node}`,
    `- Command: \`${command}\``,
    `- Code: ${codeAtStart}`,
    `- Machine load (/proc/loadavg, 1/5/15 min): ${loadAtStart} at the start, ${loadAverage()} at the end; around each measured window in the client table below. The machine may be shared with other work: read the "other load" column beside every figure.`,
    `- Parameters: ${args.rounds > 1 ? `${args.rounds} rounds per server in alternating order (reference, ours, ours, reference, …; latency samples pooled, CPU and counts summed, peaks the highest; our database is kept between rounds), each ` : ""}${args.clients} clients over ${args.rooms} rooms, ${args.editors} editors per room at ${args.rate} updates/s each, ${args.seconds} s measured after ${args.warmup} s warm-up, ${args.drain} s drain; ${args.workers} client processes (each room whole in one), stock y-websocket@3.1.0 providers (disableBc), one Y.Doc per client; awareness ${awareness ? "on (the stock default: each client publishes an empty state, renewed every 15 s, and re-sends every awareness change it receives)" : "off (no client publishes an awareness state)"}`,
    `- Servers, one after the other, same harness: reference = @y/websocket-server@0.1.1 setupWSConnection on ws@8, no persistence, no auth; ours = createPortal (cookie session + origin check, case access policy, audit row per connection, every update stored in batches, snapshots, access re-checks every 2 s; bundled and run by plain node, as npm start runs it)${runs.find((run) => run.kind === "ours") ? `, database: ${runs.find((run) => run.kind === "ours")!.database}` : ""}`,
    ...(severalNodes ? nodesParameters(runs) : []),
    ...(note ? [`- Note: ${note}`] : []),
    "",
  ];
  if (runs.length) {
    lines.push("## Servers under load", "", serverTable(runs), "");
    if (severalNodes) lines.push(...nodesSections(runs));
    if (rounds.length > runs.length) lines.push("### Each round, in the order run", "", roundsTable(rounds), "");
    lines.push("### Clients and machine during the measured window", "", clientTable(runs), "");
    const our = runs.find((run) => run.kind === "nodes") ?? runs.find((run) => run.kind === "ours");
    if (our?.db)
      lines.push(
        `Our server's database after the run: ${our.db.rows} log rows holding ${our.db.changes} accepted updates (${Number(our.db.bytes).toLocaleString("en-GB")} B), ${our.db.snapshots} snapshots (${Number(our.db.snapshotBytes).toLocaleString("en-GB")} B), ${our.db.opens} open:document audit rows (${our.db.audits} audit rows in all). Stored per document (log + snapshot) against its merged state: ${fmt((Number(our.db.bytes) + Number(our.db.snapshotBytes)) / Number(our.db.stateBytes), 2)}× (${our.db.documents} documents, ${Number(our.db.stateBytes).toLocaleString("en-GB")} B of merged state). Refusals in the audit trail: ${our.db.refusals || "none"}.`,
        "",
      );
  }
  if (cold) lines.push(`## Cold load and storage (${cold.database})`, "", coldTable(cold), "");
  lines.push("## Reading", "", ...(severalNodes ? nodesReading(runs) : []), ...reading(runs, cold), "");
  lines.push(
    "## How it was measured",
    "",
    "- Latency: each editor inserts `<sender:seq:time>` into the room's Y.Text at a random position on an open-loop schedule; every other client in the room records `performance.now()` − send time when the update has been applied to its Y.Doc (its `update` event; the marker is read from the update's bytes; sender and receivers are in one process, one clock). Only sends inside the measured window count; the figure includes the client process's own queueing, so it is read beside the client's CPU, send lag and event-loop delay.",
    "- Send lag: how late each send ran against its schedule (negative: a timer fired up to 1 ms early); sends more than 1 s late skip the missed slots instead of bursting. Server CPU: utime+stime from /proc/<pid>/stat over the measured window. Peak RSS: VmRSS sampled every 200 ms from start to the end of the drain; VmHWM is the process's lifetime peak (including start-up).",
    "- Other load: the machine's busy CPU (/proc/stat) during the window minus the benchmark's own processes (server, client processes, harness).",
    ...(cold
      ? [
          `- Cold load: see bench/cold-load.ts. The log is stored as the server stores it at typing speed (one row per keystroke), merged with mergeLogByPersonAndMinute after every 500 rows (when the server snapshots), snapshotted at seq N − tail with writeSnapshot; the tail is left unmerged. loadDocument is timed ${args["cold-loads"]}× after one warm-up load.`,
        ]
      : []),
    ...(severalNodes ? nodesMethod() : []),
    "",
  );
  return lines.join("\n");
}
