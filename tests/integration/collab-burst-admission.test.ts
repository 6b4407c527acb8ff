// Connections that arrive together are checked together (their sessions and their cases looked up in shared queries,
// their audit rows written in shared inserts, decision 054): each still gets exactly the answer it would get alone.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessionIdFromToken } from "../../server/auth/sessions";
import { eventually, providerFor, synced } from "../support/collab-client";
import { upgradeStatus } from "../support/collab-probe";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ACCESS_RECHECK_MS: "300" });
});
afterAll(async () => {
  await server?.close();
});

const tokenOf = (cookie: string) => /=([a-z2-7]{32})/.exec(cookie)![1];

describe("a burst of connections", () => {
  test("each is admitted or refused as it would be alone, and each is audited", async () => {
    const [education, gp, screener, signedOut, deactivated, police] = await Promise.all(
      ["education", "gp", "screener", "socialWorker", "health", "police"].map((key) => server.signIn(key)),
    );
    // One person has signed out (their session is gone), another has been deactivated since signing in.
    await server.db.sql`delete from sessions where id = ${sessionIdFromToken(tokenOf(signedOut))}`;
    await server.db.sql`update users set active = false where id = (select user_id from sessions where id = ${sessionIdFromToken(tokenOf(deactivated))})`;
    const forged = education.replace(tokenOf(education), "a".repeat(32));

    const asked: [string, string, number | "opened"][] = [];
    for (let round = 0; round < 4; round++)
      asked.push(
        [education, "case:1:notes", "opened"],
        [education, "case:2:notes", 404],
        [gp, "case:2:notes", "opened"],
        [gp, "case:1:notes", 404],
        [screener, "case:1:notes", 404],
        [signedOut, "case:1:notes", 401],
        [deactivated, "case:2:notes", 401],
        [forged, "case:1:notes", 401],
        [police, "case:999999:notes", 404],
        [police, "case:1:notes", "opened"],
      );
    const before = await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where action in ('open:document', 'read:record')`;
    const answers = await Promise.all(asked.map(([cookie, name]) => upgradeStatus(server.url, name, { cookie })));
    expect(answers).toEqual(asked.map(([, , answer]) => answer));

    // Every admission and every refusal of a signed-in person's request is in the trail (a request with no valid
    // session is answered 401 and not written down per request).
    const after = await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where action in ('open:document', 'read:record')`;
    expect(after[0].count - before[0].count).toBe(asked.filter(([, , answer]) => answer !== 401).length);
  });

  test("opening a document still counts as activity: the session's idle clock moves on", async () => {
    const cookie = await server.signIn("police");
    const id = sessionIdFromToken(tokenOf(cookie));
    server.clock.advanceMinutes(5);
    const opening = server.clock.now().getTime();
    const client = providerFor(server.url, "case:1:notes", { cookie });
    try {
      await synced(client);
      await eventually(async () => {
        const [session] = await server.db.sql<{ lastSeenAt: Date }[]>`select last_seen_at as "lastSeenAt" from sessions where id = ${id}`;
        expect(session.lastSeenAt.getTime()).toBeGreaterThanOrEqual(opening);
      });
    } finally {
      client.destroy();
    }
  });

  test("people who start typing together are each recorded under their own client ids", async () => {
    const people = ["education", "police", "gp", "socialWorker"] as const;
    const cookies = await Promise.all(people.map((key) => server.signIn(key)));
    const userIds = await Promise.all(
      cookies.map(async (cookie) => {
        const [row] = await server.db.sql<{ userId: string }[]>`select user_id as "userId" from sessions where id = ${sessionIdFromToken(tokenOf(cookie))}`;
        return Number(row.userId);
      }),
    );
    // Each person opens the notes of a case they work on, twice (two tabs), and everyone types at once.
    const opened = people.flatMap((key, i) =>
      [0, 1].map(() => ({ userId: userIds[i], name: key === "gp" ? "case:2:notes" : "case:1:notes", client: providerFor(server.url, key === "gp" ? "case:2:notes" : "case:1:notes", { cookie: cookies[i] }) })),
    );
    try {
      await Promise.all(opened.map(({ client }) => synced(client)));
      opened.forEach(({ client }, i) => client.doc.getText("notes").insert(0, `tab ${i} `));
      await eventually(async () => {
        const rows = await server.db.sql<{ document: string; clientId: string; userId: string }[]>`
          select document, client_id as "clientId", user_id as "userId" from collab_clients
          where client_id in ${server.db.sql(opened.map(({ client }) => client.doc.clientID))}`;
        const recorded = new Map(rows.map((row) => [`${row.document} ${row.clientId}`, Number(row.userId)]));
        for (const { name, client, userId } of opened) expect(recorded.get(`${name} ${client.doc.clientID}`)).toBe(userId);
        expect(rows).toHaveLength(opened.length);
      }, 10_000);
    } finally {
      for (const { client } of opened) client.destroy();
    }
  });
});
