// Applies db/migrations/NNN-name.sql in order, each once, each in its own transaction.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sql } from "./client";

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export type Migration = { version: number; name: string; sql: string };

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.sql$/, ""),
      sql: readFileSync(join(dir, file), "utf8"),
    }));
}

/** Returns the names of the migrations it applied (none when the database is up to date). */
export async function migrate(sql: Sql, migrations = readMigrations()): Promise<string[]> {
  await sql`
    create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`;
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await sql.begin(async (tx) => {
      // Two portals starting against one server must not both apply a migration.
      await tx`select pg_advisory_xact_lock(726353)`;
      const [existing] = await tx`select 1 from schema_migrations where version = ${migration.version}`;
      if (existing) return false;
      await tx.unsafe(migration.sql);
      await tx`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`;
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
