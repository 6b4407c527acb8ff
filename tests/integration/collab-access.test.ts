// Who may open which collaboration document, and how quickly access ends: the same answers as the policy, asked
// through real sockets.
import { describe, expect, test } from "vitest";
import { eventually, synced, text, useCollabServer } from "../support/collab-client";
import { accessShown } from "../support/collab-probe";
import { openForOversight } from "../support/oversight-access";
import { connectSocket } from "../support/socket-client";
import { type TestServer } from "../support/test-server";

let server: TestServer;
const { open } = useCollabServer({ ACCESS_RECHECK_MS: "500" }, {}, (started) => (server = started));

// Written out, not derived from the policy: Lily's case notes (case 1), Jayden's (case 2).
const expected: [string, "write" | "read" | 404, "write" | "read" | 404][] = [
  ["socialWorker", "write", "write"],
  ["teamManager", "write", "write"],
  ["chair", "write", 404],
  ["screener", 404, 404],
  ["socialCareAdmin", 404, 404],
  ["police", "write", "write"],
  ["policeAdmin", 404, 404],
  ["health", "write", "write"],
  ["healthAdmin", 404, 404],
  ["gp", 404, "write"],
  ["gpAdmin", 404, 404],
  ["education", "write", 404],
  ["educationAdmin", 404, 404],
  ["partnershipManager", 404, 404], // on neither, and no reason given (decision 039): see below
  ["partnershipAdmin", 404, 404],
];

describe("opening case notes, for each seeded role", () => {
  // "write": their write reaches the lead social worker's client; "read": it is refused and never reaches the
  // document; 404: the upgrade is refused as for a document that does not exist.
  test.each(expected)("%s: Lily's notes %s, Jayden's notes %s", async (person, lily, jayden) => {
    const cookie = await server.signIn(person);
    const witness = await server.signIn("socialWorker");
    expect(await accessShown(server, "case:1:notes", { userKey: person, cookie }, witness)).toBe(lily);
    expect(await accessShown(server, "case:2:notes", { userKey: person, cookie }, witness)).toBe(jayden);
  });
});

describe("oversight opened with a reason", () => {
  test("the partnership manager reads Lily's notes once they have said why, and still not Jayden's", async () => {
    const cookie = await server.signIn("partnershipManager");
    await openForOversight(server, cookie, 1);
    const witness = await server.signIn("socialWorker");
    const person = { userKey: "partnershipManager", cookie };
    expect(await accessShown(server, "case:1:notes", person, witness)).toBe("read");
    expect(await accessShown(server, "case:2:notes", person, witness)).toBe(404);
  });
});

describe("a read-only socket", () => {
  test("receives live edits, but its own edits reach neither the database nor anyone else", async () => {
    const writer = open(await server.signIn("socialWorker"));
    // The partnership manager oversees Lily's case, having said why (decision 039).
    const overseer = await server.signIn("partnershipManager");
    await openForOversight(server, overseer, 1);
    const reader = open(overseer);
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getText("notes").insert(0, "Strategy meeting booked for Thursday. ");
    await eventually(() => expect(text(reader)).toContain("Strategy meeting booked"));
    expect(reader.notices.some((notice) => notice.startsWith("read-only:"))).toBe(true);

    reader.doc.getText("notes").insert(0, "OVERSIGHT EDIT ");
    // The refusal itself, then what it left: nothing applied, sent on or stored.
    await eventually(async () => {
      const [refused] = await server.db.sql`
        select count(*)::int as count from audit_events where action = 'write:record' and outcome = 'denied'
          and user_id = (select id from users where email = 'marion.fields@sandmere-partnership.example')`;
      expect(refused.count).toBeGreaterThan(0);
    }, 15_000);
    const later = open(await server.signIn("health"));
    await synced(later);
    expect(text(later)).toContain("Strategy meeting booked");
    expect(text(later)).not.toContain("OVERSIGHT EDIT");
    expect(text(writer)).not.toContain("OVERSIGHT EDIT");
    await server.portal.collab.flush();
    const [stored] = await server.db.sql`
      select count(*)::int as count from collab_updates c join users u on u.id = c.user_id
      where u.email = 'marion.fields@sandmere-partnership.example'`;
    expect(stored.count).toBe(0);
    later.destroy();
    reader.destroy();
    writer.destroy();
  });
});

// How soon is a matter of the re-check interval (500 ms here), not of this machine's load: the waits are generous.
// That a change is applied before it is reported done is tested in ending-writes.test.ts.
describe("when access ends, open sockets close or turn read-only", () => {
  test("signed out", async () => {
    const cookie = await server.signIn("health");
    const client = open(cookie);
    await synced(client);
    await server.post("/sign-out", {}, cookie);
    await eventually(() => expect(client.closeCodes).toContain(4401), 15_000);
    client.destroy();
  });

  test("deactivated by their administrator", async () => {
    const client = open(await server.signIn("gp"), "case:2:notes");
    await synced(client);
    const admin = await server.signIn("gpAdmin");
    const [gp] = await server.db.sql`select id from users where email = 'olu.adeyemi@harbourlane-surgery.example'`;
    await server.post(`/people/${gp.id}/deactivate`, { reason: "Left the practice" }, admin);
    await eventually(() => expect(client.closeCodes).toContain(4401), 15_000);
    client.destroy();
    await server.post("/people", { intent: "reactivate", userId: String(gp.id) }, admin);
  });

  test("removed from the case: the notes socket closes and the socket.io room is left", async () => {
    const cookie = await server.signIn("education");
    const client = open(cookie);
    await synced(client);
    const socket = await connectSocket(server.url, { cookie });
    expect((await socket.emitWithAck("room:join", "case:1")).ok).toBe(true);
    const removed = new Promise<{ room: string }>((resolve) => socket.once("room:removed", resolve));

    await server.db.sql`update case_members set removed_at = now()
      where case_id = 1 and user_id = (select id from users where email = 'emma.clarke@larkfield-school.example')`;
    await eventually(() => expect(client.closeCodes).toContain(4403), 15_000);
    expect((await removed).room).toBe("case:1");
    socket.close();
    client.destroy();
    await server.db.sql`insert into case_members (case_id, user_id, role_on_case)
      select 1, id, 'Designated safeguarding lead, Larkfield Primary' from users where email = 'emma.clarke@larkfield-school.example'`;
  });

  test("the record locked (the case closed): writers become readers, and later edits are refused", async () => {
    const client = open(await server.signIn("police"));
    await synced(client);
    await server.db.sql`update cases set status = 'closed' where id = 1`;
    await eventually(() => expect(client.notices.some((notice) => notice.includes("can no longer change"))).toBe(true), 15_000);
    const [{ before }] = await server.db.sql`select coalesce(max(id), 0)::text as before from audit_events`;
    client.doc.getText("notes").insert(0, "AFTER CLOSURE ");
    // Refused (audited), not merely unseen.
    await eventually(async () => {
      const [refused] = await server.db.sql`select count(*)::int as count from audit_events
        where id > ${before} and action = 'write:record' and outcome = 'denied' and target = 'document:case:1:notes'`;
      expect(refused.count).toBeGreaterThan(0);
    }, 15_000);
    await server.portal.collab.flush();
    const rows = await server.db.sql<{ update: Uint8Array }[]>`select update from collab_updates where document = 'case:1:notes'`;
    const Y = await import("yjs");
    const stored = new Y.Doc();
    for (const row of rows) Y.applyUpdate(stored, row.update);
    expect(stored.getText("notes").toString()).not.toContain("AFTER CLOSURE");
    await server.db.sql`update cases set status = 'open' where id = 1`;
    client.destroy();
  });
});

describe("socket.io rooms and presence", () => {
  test("people join a case room only when they may read the case, and see who is there with their agency", async () => {
    const police = await connectSocket(server.url, { cookie: await server.signIn("police") });
    const health = await connectSocket(server.url, { cookie: await server.signIn("health") });
    const first = await police.emitWithAck("room:join", "case:1");
    expect(first.ok).toBe(true);
    const seen = new Promise<{ present: { fullName: string; agencyName: string }[] }>((resolve) => police.once("presence", resolve));
    await health.emitWithAck("room:join", "case:1");
    const { present } = await seen;
    expect(present.map((person) => `${person.fullName}, ${person.agencyName}`)).toEqual([
      "Alex Morgan, Kestrel Vale Police",
      "Nadia Hussain, Sandmere Community Health NHS Trust",
    ]);
    const left = new Promise<{ present: unknown[] }>((resolve) => police.once("presence", resolve));
    health.close();
    expect((await left).present).toHaveLength(1);
    police.close();
  });

  test("a room the person may not see is refused like a missing one, and audited", async () => {
    const education = await connectSocket(server.url, { cookie: await server.signIn("education") });
    expect(await education.emitWithAck("room:join", "case:2")).toEqual({ ok: false, error: "Not found" });
    expect(await education.emitWithAck("room:join", "case:999")).toEqual({ ok: false, error: "Not found" });
    expect(await education.emitWithAck("room:join", "anything-else")).toEqual({ ok: false, error: "Not found" });
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where target = 'room:case:2' and outcome = 'denied'`;
    expect(audit.count).toBe(1);
    education.close();
  });
});
