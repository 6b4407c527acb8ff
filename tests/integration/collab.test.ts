// Live collaboration through the stock y-websocket client: sync, late joiners, and durable, attributed history.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, providerFor, synced, text, type TestProvider } from "../support/collab-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const clients: TestProvider[] = [];
beforeAll(async () => {
  server = await startTestServer({ ACCESS_RECHECK_MS: "500" }, { collab: { unloadGraceMs: 200 } });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
});

const open = (cookie: string, name = "case:1:notes") => {
  const client = providerFor(server.url, name, { cookie });
  clients.push(client);
  return client;
};

describe("two people editing one document", () => {
  test("each sees the other's words, a late joiner gets everything, and the log says who wrote what", async () => {
    const police = open(await server.signIn("police"));
    const health = open(await server.signIn("health"));
    await Promise.all([synced(police), synced(health)]);
    police.doc.getText("notes").insert(0, "Police: DA notification 3 Nov. ");
    health.doc.getText("notes").insert(0, "Health: Jayden missed his 2-year review. ");
    await eventually(() => {
      expect(text(police)).toContain("Jayden missed");
      expect(text(health)).toContain("DA notification");
    });
    expect(text(police)).toBe(text(health));

    const late = open(await server.signIn("education"));
    await synced(late);
    expect(text(late)).toBe(text(police));

    await server.portal.collab.flush();
    const authors = await server.db.sql<{ fullName: string; agencyId: string }[]>`
      select distinct u.full_name as "fullName", c.agency_id as "agencyId"
      from collab_updates c join users u on u.id = c.user_id where c.document = 'case:1:notes' order by 1`;
    expect([...authors]).toEqual([
      { fullName: "Alex Morgan", agencyId: "kestrel-vale-police" },
      { fullName: "Nadia Hussain", agencyId: "sandmere-community-health" },
    ]);
  });

  test("the document comes back from the database after everyone has left", async () => {
    const before = clients.map((client) => text(client)).find(Boolean)!;
    for (const client of clients.splice(0)) client.destroy();
    await eventually(() => expect(server.portal.collab.stats().documents).toBe(0), 5000);
    const again = open(await server.signIn("socialWorker"));
    await synced(again);
    expect(text(again)).toBe(before);
  });
});
