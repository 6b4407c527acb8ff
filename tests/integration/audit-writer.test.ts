// Audit rows written together when many arrive at once: each caller's row is stored before its promise settles,
// exactly as given (odd bytes made printable), and one row the database refuses costs no other row its place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditWriter } from "../../server/audit/audit-writer";
import type { AuditEvent } from "../../server/audit/record-audit";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await db?.close();
});

const opened = (i: number, target: string): AuditEvent => ({
  at: new Date(Date.UTC(2026, 11, 1, 9, 0, i)),
  userId: 1000 + i,
  agencyId: "police",
  action: "open:document",
  outcome: "success",
  caseId: 7,
  target,
  ip: "10.0.0.1",
  userAgent: "Firefox\u0000",
  details: { access: i % 2 ? "read" : "write", note: "a\u0000b" },
});

const rowsFor = (target: string) =>
  db.sql<{ userId: string; at: Date; userAgent: string; details: Record<string, unknown> }[]>`
    select user_id as "userId", at, user_agent as "userAgent", details from audit_events where target = ${target} order by user_id`;

describe("the audit writer", () => {
  it("stores every row of a burst, each before its caller is told", async () => {
    const writer = createAuditWriter(db.sql, 16);
    const target = "document:case:7:notes";
    const checks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        writer.write(opened(i, target)).then(async () => (await db.sql`select 1 from audit_events where target = ${target} and user_id = ${1000 + i}`).length),
      ),
    );
    expect(checks).toEqual(Array(60).fill(1));
    const rows = await rowsFor(target);
    expect(rows).toHaveLength(60);
    expect(rows[3]).toMatchObject({ userId: "1003", userAgent: "Firefox\uFFFD", details: { access: "read", note: "a\uFFFDb" } });
    expect(rows[3].at.toISOString()).toBe("2026-12-01T09:00:03.000Z");
  });

  it("stores the others when the database refuses one row of a batch, and tells only that row's caller", async () => {
    const writer = createAuditWriter(db.sql);
    const target = "document:case:8:notes";
    const events = Array.from({ length: 10 }, (_, i) => opened(i, target));
    events[4] = { ...events[4], outcome: "maybe" as never }; // refused by the table's check
    const settled = await Promise.allSettled(events.map((event) => writer.write(event)));
    expect(settled.map((result) => result.status)).toEqual(events.map((_, i) => (i === 4 ? "rejected" : "fulfilled")));
    expect((await rowsFor(target)).map((row) => row.userId)).toEqual(["1000", "1001", "1002", "1003", "1005", "1006", "1007", "1008", "1009"]);
  });
});
