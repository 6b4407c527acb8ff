// Live collaboration through the stock y-websocket client: sync, late joiners, and durable, attributed history.
import { describe, expect, test } from "vitest";
import { eventually, synced, text, useCollabServer } from "../support/collab-client";
import { openForOversight } from "../support/oversight-access";
import { type TestServer } from "../support/test-server";

let server: TestServer;
const { clients, open } = useCollabServer({ ACCESS_RECHECK_MS: "500" }, { collab: { unloadGraceMs: 200 } }, (started) => (server = started));

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

describe("the history page", () => {
  test("lists changes by person and agency, and shows the notes as they stood at a stored point", async () => {
    const { mainText } = await import("../support/html");
    const social = open(await server.signIn("socialWorker"), "case:2:notes");
    await synced(social);
    social.doc.getText("notes").insert(0, "Jayden seen at home; ");
    await server.portal.collab.flush();
    const gp = open(await server.signIn("gp"), "case:2:notes");
    await synced(gp);
    gp.doc.getText("notes").insert(gp.doc.getText("notes").length, "GP: weight below the 2nd centile.");
    await eventually(() => expect(text(social)).toContain("2nd centile"));
    await server.portal.collab.flush();

    const reader = await server.signIn("partnershipManager");
    await openForOversight(server, reader, 2); // oversight, having said why (decision 039)
    const page = await server.get("/cases/2/notes/history", reader);
    expect(page.status).toBe(200);
    const html = await page.text();
    const listing = mainText(html);
    expect(listing).toContain("Sam Okafor (Sandmere Borough Council Children's Services)");
    expect(listing).toContain("Dr Olu Adeyemi (Harbour Lane Surgery)");
    const points = [...html.matchAll(/history\?at=(\d+)"/g)].map((match) => Number(match[1]));
    const earliest = Math.min(...points);
    const then = mainText(await (await server.get(`/cases/2/notes/history?at=${earliest}`, reader)).text());
    expect(then).toContain("Jayden seen at home;");
    expect(then).not.toContain("2nd centile");
    const now = mainText(await (await server.get(`/cases/2/notes/history?at=${Math.max(...points)}`, reader)).text());
    expect(now).toContain("GP: weight below the 2nd centile.");
  });

  test("is refused like a missing page to someone not on the case, and for a point that does not exist", async () => {
    const education = await server.signIn("education");
    expect((await server.get("/cases/2/notes/history", education)).status).toBe(404);
    const social = await server.signIn("socialWorker");
    expect((await server.get("/cases/2/notes/history?at=999999", social)).status).toBe(404);
    expect((await server.get("/cases/2/notes/history?at=abc", social)).status).toBe(404);
  });
});

describe("awareness through stock clients", () => {
  test("carets move freely, each stamped with the server's name and agency, and nobody is cut off for echoing others", async () => {
    const police = open(await server.signIn("police"));
    const health = open(await server.signIn("health"));
    await Promise.all([synced(police), synced(health)]);
    for (let move = 0; move < 6; move++) {
      police.provider.awareness.setLocalStateField("cursor", { at: move });
      health.provider.awareness.setLocalStateField("cursor", { at: move * 2 });
      health.provider.awareness.setLocalStateField("user", { name: "Someone pretending", color: "#000000" });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await eventually(() => {
      const seenByHealth = health.provider.awareness.getStates().get(police.doc.clientID) as { user?: { name: string }; cursor?: { at: number } };
      expect(seenByHealth?.user?.name).toBe("Alex Morgan (Kestrel Vale Police)");
      expect(seenByHealth?.cursor?.at).toBe(5);
      const seenByPolice = police.provider.awareness.getStates().get(health.doc.clientID) as { user?: { name: string } };
      expect(seenByPolice?.user?.name).toBe("Nadia Hussain (Sandmere Community Health NHS Trust)");
    });
    expect(police.closeCodes).toEqual([]);
    expect(health.closeCodes).toEqual([]);
    const [refusals] = await server.db.sql`select count(*)::int as count from audit_events where action = 'write:record' and outcome = 'denied'`;
    expect(refusals.count).toBe(0);
  });
});
