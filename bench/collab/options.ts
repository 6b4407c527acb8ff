// The benchmark's command line (see bench/README.md for every option), and the command as the report shows it.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { flag, numberArgs, stringArg } from "../lib";

/** bench/: the processes the harness forks, and results/, are here. */
export const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
export const args = numberArgs(argv, {
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
  nodes: 0,
});
if (args.nodes === 1 || !Number.isInteger(args.nodes)) throw new Error("--nodes needs a whole number of 2 or more (leave it out for one node)");
/** --nodes N: our server also as N nodes joined through Redis, on a PostgreSQL server (see bench/collab/nodes.ts). */
export const severalNodes = args.nodes >= 2;
/** The PostgreSQL server the nodes share: required with --nodes, so it has a default there. */
export const databaseUrl = process.env.BENCH_DATABASE_URL ?? (severalNodes ? "postgres://postgres@127.0.0.1:5432/postgres" : undefined);
/** --own-redis: a private redis-server on a free port for the run, so that nobody else's traffic is in its CPU. */
export const ownRedis = flag(argv, "own-redis");
/** --whole-rooms: every client of a room on one node (nothing crosses a node; see nodeOfClient). */
export const wholeRooms = flag(argv, "whole-rooms");
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const only = stringArg(argv, "only"); // "ours" | "reference" | "nodes"
export const awareness = stringArg(argv, "awareness") !== "off"; // off: clients publish no awareness state
export const profileDir = stringArg(argv, "profile-server"); // a directory: the servers run with --cpu-prof into it
// The cold load is one process's work on one database: a run with several nodes leaves it out.
export const skipColdLoad = flag(argv, "skip-cold-load") || severalNodes;
export const coldLoadOnly = flag(argv, "cold-load-only");
export const outPath =
  stringArg(argv, "out") ?? join(benchDir, "results", severalNodes ? `collab-nodes-${new Date().toISOString().slice(0, 10)}.md` : "collab.md");
export const note = stringArg(argv, "note");
const envShown = ["BENCH_DATABASE_URL", "BENCH_DATABASE_PID", ...(severalNodes && !ownRedis ? ["REDIS_URL"] : [])]
  .filter((name) => process.env[name])
  .map((name) => `${name}=${name.endsWith("_URL") ? process.env[name]!.replace(/:[^:@/]*@/, ":…@") : process.env[name]} `)
  .join("");
const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
export const command = `${envShown}npm run bench:collab${argv.length ? ` -- ${argv.map(shellQuote).join(" ")}` : ""}`;
