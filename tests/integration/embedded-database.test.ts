// The embedded database (no DATABASE_URL): PGlite in a thread of its own behind a private socket (decision 050).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseError, openEmbedded } from "../../db/client";

const folder = mkdtempSync(join(tmpdir(), "portal-embedded-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the embedded database", () => {
  it("keeps what was written once it is closed, and has it when opened again", async () => {
    const dataDir = join(folder, "kept");
    const first = await openEmbedded(dataDir);
    await first.sql`create table notes (body text not null)`;
    await first.sql`insert into notes values ('Lily said she felt safe at her nan''s')`;
    await first.close();
    const again = await openEmbedded(dataDir);
    try {
      expect(await again.sql`select body from notes`).toEqual([{ body: "Lily said she felt safe at her nan's" }]);
      // Its shared buffers are small enough for a laptop (decision 050).
      expect(await again.sql`show shared_buffers`).toEqual([{ shared_buffers: "16MB" }]);
    } finally {
      await again.close();
    }
  });

  it("works its queries off the event loop that serves people: timers keep firing while a long query runs", async () => {
    const db = await openEmbedded("memory://");
    try {
      // In the loop's own thread, the query would hold the loop from start to end: no tick between.
      let ticks = 0;
      const ticking = setInterval(() => (ticks += 1), 1);
      const [row] = await db.sql`select count(*)::int as n from generate_series(1, 3000000)`;
      clearInterval(ticking);
      expect(row).toEqual({ n: 3_000_000 });
      expect(ticks).toBeGreaterThan(5);
    } finally {
      await db.close();
    }
  });

  it("says in one line which data directory could not be opened, and the process carries on", async () => {
    const dataDir = join(folder, "not-a-database");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "PG_VERSION"), "not a version\n");
    const opening = openEmbedded(dataDir);
    await expect(opening).rejects.toBeInstanceOf(DatabaseError);
    await expect(opening).rejects.toThrow(/^The embedded database in .*not-a-database could not start \(.+\)$/);
    // A folder that holds something else is not made into a database.
    const occupied = join(folder, "occupied");
    mkdirSync(occupied, { recursive: true });
    writeFileSync(join(occupied, "minutes.docx"), "someone's file\n");
    const creating = openEmbedded(occupied);
    await expect(creating).rejects.toThrow(/^The embedded database in .*occupied could not be created \(.+\)$/);
    expect(readdirSync(occupied)).toEqual(["minutes.docx"]);
    // Still here, and a good directory opens after a bad one.
    const db = await openEmbedded("memory://");
    expect(await db.sql`select 1 as one`).toEqual([{ one: 1 }]);
    await db.close();
  });
});
