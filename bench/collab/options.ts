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
});
export const only = stringArg(argv, "only"); // "ours" | "reference"
export const awareness = stringArg(argv, "awareness") !== "off"; // off: clients publish no awareness state
export const profileDir = stringArg(argv, "profile-server"); // a directory: the servers run with --cpu-prof into it
export const skipColdLoad = flag(argv, "skip-cold-load");
export const coldLoadOnly = flag(argv, "cold-load-only");
export const outPath = stringArg(argv, "out") ?? join(benchDir, "results", "collab.md");
export const note = stringArg(argv, "note");
const envShown = ["BENCH_DATABASE_URL", "BENCH_DATABASE_PID"]
  .filter((name) => process.env[name])
  .map((name) => `${name}=${name === "BENCH_DATABASE_URL" ? process.env[name]!.replace(/:[^:@/]*@/, ":…@") : process.env[name]} `)
  .join("");
const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
export const command = `${envShown}npm run bench:collab${argv.length ? ` -- ${argv.map(shellQuote).join(" ")}` : ""}`;
