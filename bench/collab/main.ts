// npm run bench:collab [-- --clients 500 --rooms 100 --editors 2 --rate 5 --seconds 30]
//
// Our collaboration server and the reference y-websocket server (@y/websocket-server@0.1.1), one after the other in
// the same run, each in its own process, driven by the same client processes with the same parameters; then the cold
// load and storage of large documents. Prints the figures and writes them to bench/results/collab.md. With --nodes N,
// ours also runs as N nodes joined through Redis on a PostgreSQL server, beside one node on the same database, and
// the report goes to bench/results/collab-nodes-<date>.md.
// See bench/README.md for what is measured and how. Here: the run's order, its temporary data, and cleaning up after.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import postgres from "postgres";
import { checkRedis } from "../../server/cluster/redis";
import type { ColdLoadResult } from "../cold-load";
import { sleep } from "../lib";
import { children, nextMessage, ourServer, start, stopChild } from "./children";
import { combine } from "./combine";
import { redisMeter, startOwnRedis, type RedisMeter } from "./nodes";
import { args, coldLoadOnly, databaseUrl, only, outPath, ownRedis, redisUrl, severalNodes, skipColdLoad } from "./options";
import { report, serverTable } from "./report";
import { runServer, type Cluster, type RunResult, type ServerKind } from "./run-server";

let tempDir: string | undefined;
let dropDatabases: (() => Promise<void>) | undefined;
let meter: RedisMeter | undefined;

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

async function main(): Promise<void> {
  const startedAt = new Date();
  tempDir = mkdtempSync(join(tmpdir(), "pp-bench-collab-"));
  const ourEnv: Record<string, string> = {};
  const coldEnv: Record<string, string> = {};
  const serverUrl = databaseUrl;
  if (serverUrl) {
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const names = [`bench_collab_${suffix}`, `bench_cold_${suffix}`];
    for (const name of names) await admin.unsafe(`create database ${name}`);
    await admin.end();
    const urlFor = (name: string) => {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    };
    ourEnv.BENCH_DATABASE_URL = urlFor(names[0]);
    coldEnv.BENCH_DATABASE_URL = urlFor(names[1]);
    dropDatabases = async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
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
    let cluster: Cluster | undefined;
    if (severalNodes && only !== "ours" && only !== "reference") {
      const redis = ownRedis ? await startOwnRedis() : { url: redisUrl, description: "" };
      await checkRedis(redis.url);
      meter = await redisMeter(redis.url);
      if (ownRedis) meter.description = redis.description;
      cluster = { urlForNodes: redis.url, meter };
      console.log(`Nodes: ${args.nodes}, joined through ${meter.description}`);
    }
    if (!coldLoadOnly) {
      console.log(`Preparing our database: ${args.rooms} cases, ${args.clients} sessions`);
      const prep = start(await ourServer(), ["prepare", String(args.rooms), String(args.clients)], ourEnv);
      const prepared = await nextMessage(prep, "prepared", 300_000);
      await stopChild(prep, 5000);
      const tokens = prepared.tokens as { room: string; token: string }[];
      // Rounds alternate the order (reference, ours, ours, reference, …) so a change in the machine's background
      // load falls on both servers alike.
      const perKind = new Map<ServerKind, RunResult[]>();
      for (let round = 0; round < Math.max(1, args.rounds); round++) {
        const everyKind: ServerKind[] = severalNodes ? ["reference", "ours", "nodes"] : ["reference", "ours"];
        const base = only ? everyKind.filter((kind) => kind === only) : everyKind;
        if (!base.length) throw new Error(`--only ${only}: expected one of ${everyKind.join(", ")}`);
        const order = round % 2 === 0 ? base : [...base].reverse();
        for (const kind of order) {
          const result = await runServer(kind, tokens, ourEnv, cluster);
          perKind.set(kind, [...(perKind.get(kind) ?? []), result]);
          rounds.push(result);
          console.log(serverTable([result]));
          await sleep(2000);
        }
      }
      for (const kind of ["reference", "ours", "nodes"] as const) if (perKind.has(kind)) runs.push(combine(perKind.get(kind)!));
    }
    if (!skipColdLoad) {
      console.log(`\n== cold load: ${args["cold-ops"]} operations, typing-like and worst case`);
      const child = start("cold-load.ts", ["--ops", String(args["cold-ops"]), "--loads", String(args["cold-loads"]), "--tail", String(args["cold-tail"])], coldEnv);
      cold = (await nextMessage(child, "cold-load", 30 * 60_000)).result as ColdLoadResult;
      await stopChild(child, 5000);
    }
  } finally {
    meter?.close();
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
