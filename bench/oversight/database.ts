// The generated partnership the oversight benchmark measures, on the PostgreSQL server (database
// oversight_bench_<cases>) and in an embedded PGlite (bench/tmp/oversight-<cases>/): generated once, reused after.
import { join } from "node:path";
import postgres from "postgres";
import { connectToServer, openEmbedded, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { databaseHasPeople } from "../../db/seed";
import { generatePartnership } from "../../db/generate/generate";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export type TargetKind = "server" | "embedded";

export type Target = {
  kind: TargetKind;
  where: string;
  /** What the portal's process needs to open the same database. */
  env: Record<string, string>;
  open(): Promise<Database>;
  /** Seconds the generation took in this run (null: reused from an earlier run). */
  generatedSeconds: number | null;
};

const serverBase = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function prepareTarget(kind: TargetKind, cases: number, seed: number, log: (line: string) => void): Promise<Target> {
  let target: Omit<Target, "generatedSeconds">;
  if (kind === "server") {
    const name = `oversight_bench_${cases}`;
    const admin = postgres(serverBase, { max: 1, onnotice: () => {} });
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverBase);
    url.pathname = `/${name}`;
    target = { kind, where: `PostgreSQL ${url.host}/${name}`, env: { DATABASE_URL: url.toString() }, open: () => connectToServer(url.toString()) };
  } else {
    const dataDir = join(projectRoot, "bench", "tmp", `oversight-${cases}`);
    target = { kind, where: `embedded PGlite in bench/tmp/oversight-${cases}`, env: { DATA_DIR: dataDir, DATABASE_URL: "" }, open: () => openEmbedded(join(dataDir, "pglite")) };
  }
  const db = await target.open();
  try {
    await migrate(db.sql);
    if (await databaseHasPeople(db.sql)) {
      log(`${target.where}: reusing the partnership generated before`);
      return { ...target, generatedSeconds: null };
    }
    const started = Date.now();
    await generatePartnership(db.sql, { cases, seed, log: (line) => log(`  ${line}`) });
    return { ...target, generatedSeconds: (Date.now() - started) / 1000 };
  } finally {
    await db.close();
  }
}

const sized = [
  "cases", "contacts", "meetings", "meeting_invitees", "map_scalings", "child_protection_plans", "plan_actions", "core_groups",
  "core_group_members", "core_group_progress", "users", "audit_events",
];

export async function tableSizes(db: Database): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const table of sized) {
    const [row] = await db.sql.unsafe<{ count: string }[]>(`select count(*) as count from ${table}`);
    sizes[table] = Number(row.count);
  }
  const [bytes] = await db.sql<{ size: string }[]>`select pg_database_size(current_database()) as size`;
  sizes.database_megabytes = Math.round(Number(bytes.size) / 1024 / 1024);
  return sizes;
}
