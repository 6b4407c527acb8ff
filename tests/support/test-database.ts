// A fresh, migrated, seeded database for one test file: embedded PGlite in memory by default, or a new database
// on the PostgreSQL server named by DATABASE_URL.
import postgres from "postgres";
import { connectToServer, openEmbedded, type Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { seedDemoPartnership } from "../../db/seed";
import { lilysDays } from "../../db/demo/lily-story";
import { loadCalendar } from "../../server/calendar/working-days";

export type TestDatabase = Database & { name: string };

export async function createTestDatabase(opts: { seed?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  let db: Database;
  let name = "memory";
  let drop = async () => {};
  if (serverUrl) {
    name = `portal_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    db = await connectToServer(url.toString(), { max: 5 });
    drop = async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  } else {
    db = await openEmbedded("memory://");
  }
  await migrate(db.sql);
  if (opts.seed !== false) await seedDemoPartnership(db.sql);
  return {
    ...db,
    name,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** The days of Lily's demo story (db/demo/), as the seed counted them back from its clock: today's. */
export const lilysDemoDays = (now = new Date()) => lilysDays(loadCalendar(), now);
