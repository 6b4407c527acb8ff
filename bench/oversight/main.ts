// `npm run bench:oversight`: the oversight dashboard and its drill-downs on a generated partnership (issue 13;
// decision 043), on the PostgreSQL server and on the embedded database. For each: the partnership is generated once
// (db/generate) and reused after; the measures are timed in-process one by one (which is slow), then the pages over
// HTTP from the built portal, signed in as the demo's partnership manager (p50/p95 over --requests requests).
// Writes bench/results/oversight-<date>.md. A benchmark, not a test: it reports and never fails on a target.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addCalendarMonths } from "../../common/calendar-dates";
import { todayInEngland } from "../../common/forms/dates";
import { numberArgs, stringArg, flag } from "../lib";
import { prepareTarget, projectRoot, tableSizes, type TargetKind } from "./database";
import { measureDirectly, type DirectResult } from "./direct";
import { buildIfNeeded, measureOverHttp, type HttpResult } from "./http";
import { writeReport } from "./report";

const argv = process.argv.slice(2);
const args = numberArgs(argv, { cases: 10_000, requests: 50, "drill-requests": 0, rounds: 10, seed: 1, months: 12 });
const drillRequests = flag(argv, "skip-drill-downs") ? 0 : args["drill-requests"] || args.requests;
const only = stringArg(argv, "only") as TargetKind | undefined;
const kinds: TargetKind[] = only ? [only] : ["server", "embedded"];
const today = todayInEngland();
const scope = { from: `${addCalendarMonths(today, -(args.months - 1)).slice(0, 7)}-01`, to: today, agencyId: null };
const log = (line: string) => console.log(line);

export type RunResult = {
  kind: TargetKind;
  where: string;
  generatedSeconds: number | null;
  sizes: Record<string, number>;
  direct: DirectResult | null;
  http: HttpResult | null;
};

const started = Date.now();
const loadBefore = loadavg().map((x) => x.toFixed(2)).join(" ");
if (!flag(argv, "skip-http")) buildIfNeeded();
const runs: RunResult[] = [];
for (const kind of kinds) {
  log(`\n== ${kind}: ${args.cases.toLocaleString("en-GB")} cases, ${scope.from} to ${scope.to}`);
  const target = await prepareTarget(kind, args.cases, args.seed, log);
  const db = await target.open();
  let sizes: Record<string, number>;
  let direct: DirectResult | null = null;
  try {
    sizes = await tableSizes(db);
    if (!flag(argv, "skip-direct")) {
      log(`  the measures in-process, ${args.rounds} rounds each:`);
      direct = await measureDirectly(db, scope, args.rounds, log);
    }
  } finally {
    await db.close();
  }
  let http: HttpResult | null = null;
  if (!flag(argv, "skip-http")) {
    log(`  the pages over HTTP, ${args.requests} requests of the dashboard, ${drillRequests} of each drill-down:`);
    http = await measureOverHttp(target, scope, args.requests, drillRequests, log);
  }
  runs.push({ kind, where: target.where, generatedSeconds: target.generatedSeconds, sizes, direct, http });
}

const git = (...gitArgs: string[]) => execFileSync("git", gitArgs, { cwd: projectRoot, encoding: "utf8" }).trim();
const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
const out = stringArg(argv, "out") ?? join(projectRoot, "bench", "results", `oversight-${today}.md`);
writeFileSync(
  out,
  writeReport({
    date: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    machine: `${cpus().length} CPUs (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Node ${process.version}`,
    load: `${loadBefore} → ${loadavg().map((x) => x.toFixed(2)).join(" ")}`,
    command: `npm run bench:oversight${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
    code: `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "server", "db", "app") ? " (with uncommitted changes)" : " (clean)"}`,
    scope,
    requests: args.requests,
    drillRequests,
    rounds: args.rounds,
    note: stringArg(argv, "note"),
    runs,
  }),
);
// The figures as measured, for comparing runs.
writeFileSync(out.replace(/\.md$/, ".json"), `${JSON.stringify({ scope, cases: args.cases, runs }, null, 1)}\n`);
log(`\nWrote ${out} and its .json`);
