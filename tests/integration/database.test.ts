// The database itself: migrations apply once, and the audit trail cannot be rewritten.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate } from "../../db/migrate";
import { demoUsers, seedDemoPartnership, SeedRefused } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const schemaShape = () => db.sql`
  select table_name, column_name, data_type from information_schema.columns
  where table_schema = 'public' order by table_name, ordinal_position`;

describe("migrations", () => {
  test("running them again applies nothing and changes nothing", async () => {
    const before = await schemaShape();
    const [{ count: migrationsBefore }] = await db.sql`select count(*)::int as count from schema_migrations`;
    expect(await migrate(db.sql)).toEqual([]);
    expect(await migrate(db.sql)).toEqual([]);
    expect(await schemaShape()).toEqual(before);
    const [{ count: migrationsAfter }] = await db.sql`select count(*)::int as count from schema_migrations`;
    expect(migrationsAfter).toBe(migrationsBefore);
  });

  test("the demo seed refuses a database that already has people", async () => {
    await expect(seedDemoPartnership(db.sql)).rejects.toBeInstanceOf(SeedRefused);
    const [{ count }] = await db.sql`select count(*)::int as count from users`;
    expect(count).toBe(demoUsers.length);
  });
});

describe("the audit trail is append-only", () => {
  test("rows can be added", async () => {
    await db.sql`insert into audit_events (at, action, outcome, target) values (now(), 'test', 'success', 'x')`;
    const [{ count }] = await db.sql`select count(*)::int as count from audit_events where action = 'test'`;
    expect(count).toBe(1);
  });
  test("UPDATE is refused", async () => {
    await expect(db.sql`update audit_events set outcome = 'failure' where action = 'test'`).rejects.toThrow(/append-only/);
  });
  test("DELETE is refused", async () => {
    await expect(db.sql`delete from audit_events where action = 'test'`).rejects.toThrow(/append-only/);
  });
  test("TRUNCATE is refused", async () => {
    await expect(db.sql`truncate audit_events`).rejects.toThrow(/append-only/);
    const [{ count }] = await db.sql`select count(*)::int as count from audit_events where action = 'test'`;
    expect(count).toBe(1);
  });
});

describe("integrity", () => {
  test("email addresses are unique ignoring case", async () => {
    await expect(
      db.sql`insert into users (agency_id, role, full_name, email, password_hash)
             values ('kestrel-vale-police', 'practitioner', 'Copy', 'Alex.Morgan@KestrelVale-Police.example', 'x')`,
    ).rejects.toThrow(/unique/);
  });
  test("an NHS number must be ten digits", async () => {
    await expect(db.sql`insert into case_people (case_id, kind, full_name, nhs_number) values (1, 'family', 'X', '12345')`).rejects.toThrow();
  });
});
