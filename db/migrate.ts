// Applies db/migrations/NNN-name.sql in order, each once, each in its own transaction.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Sql } from "./client";
import { projectRoot } from "./project-root";

const migrationsDir = join(projectRoot, "db", "migrations");

/** The advisory lock every migration step takes: any number, the same in every node. */
const MIGRATION_LOCK = 726353;

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
  // Several nodes starting at once against one server must not both create the table or apply a migration: each step
  // runs under one transaction-level advisory lock. (Two concurrent `create table if not exists` can both pass the
  // check and one then fails on the catalogue's unique index, so the creation needs the lock too.)
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`;
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
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
