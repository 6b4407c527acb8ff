// Changing who works on a case, and access following at once: the GP added can open the case straight away; a
// professional or an agency removed loses the case's pages, its socket.io room and its open collaboration sockets,
// and nothing sent after the removal is kept. The portal and its helpers: tests/support/case-team-portal.ts.
import { describe, expect, test } from "vitest";
import { eventually } from "../support/collab-client";
import { useCaseTeamPortal, server, socialWorker, openSockets, teamPath, userId, signInPoliceManager, teamRows, auditCount, openCase, withinSeconds, neverKept } from "../support/case-team-portal";
import { mainText } from "../support/html";
import { connectSocket } from "../support/socket-client";

useCaseTeamPortal();

describe("adding a professional", () => {
  test("the lead social worker adds the GP: the GP can open the case at once, the surgery is on it, and it is audited", async () => {
    const gp = await server.signIn("gp");
    const gpId = await userId("gp");
    expect((await server.get("/cases/1", gp)).status).toBe(404);
    // The GP has "Your work" open: it is told at once, in the GP's own room.
    const gpSocket = await connectSocket(server.url, { cookie: gp });
    openSockets.push(gpSocket);
    await new Promise((resolve) => gpSocket.emit("room:join", `user:${gpId}`, resolve));
    const told = new Promise<{ room: string; what: string }>((resolve) => gpSocket.once("record:changed", resolve));

    const response = await server.post(teamPath, { intent: "add-member", userId: String(gpId), roleOnCase: "GP, safeguarding lead" }, socialWorker);
    expect(await told).toEqual({ room: `user:${gpId}`, what: "team" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${teamPath}?added-member=${gpId}`);
    const banner = mainText(await (await server.get(response.headers.get("location")!, socialWorker)).text());
    expect(banner).toContain("Success");
    expect(banner).toContain("Dr Olu Adeyemi (Harbour Lane Surgery) has been added to the case and can open it now");

    expect((await server.get("/cases/1", gp)).status).toBe(200);
    const agencies = mainText(await (await server.get(teamPath, gp)).text()).split("Agencies working on the case")[1];
    expect(agencies).toContain("Harbour Lane Surgery");
    const [surgery] = await server.db.sql`
      select removed_at, added_by::int from case_agencies where case_id = 1 and agency_id = 'harbour-lane-surgery'`;
    expect(surgery).toEqual({ removed_at: null, added_by: await userId("socialWorker") });
    const [member] = await server.db.sql`
      select role_on_case, is_lead, added_by::int from case_members where case_id = 1 and user_id = ${gpId} and removed_at is null`;
    expect(member).toEqual({ role_on_case: "GP, safeguarding lead", is_lead: false, added_by: await userId("socialWorker") });

    expect(await auditCount({ action: "add:case-member", outcome: "success", userKey: "socialWorker", target: `user:${gpId}` })).toBe(1);
    expect(await auditCount({ action: "add:case-agency", outcome: "success", userKey: "socialWorker", target: "agency:harbour-lane-surgery" })).toBe(1);
  });
});

describe("removing a professional ends their access at once, everywhere", () => {
  test("Emma Clarke, with the case open: her room and her notes socket close, nothing she sends after is stored, and the case is then a 404", async () => {
    const emma = await server.signIn("education");
    const emmaId = await userId("education");
    const { notes, roomRemoved } = await openCase(emma);

    // The first post only asks; nothing changes until it is confirmed.
    const before = await teamRows();
    const ask = await server.post(teamPath, { intent: "remove-member", userId: String(emmaId) }, socialWorker);
    expect(ask.status).toBe(302);
    expect(ask.headers.get("location")).toBe(`${teamPath}?remove-member=${emmaId}`);
    const confirmationHtml = await (await server.get(ask.headers.get("location")!, socialWorker)).text();
    const confirmation = mainText(confirmationHtml);
    expect(confirmation).toContain("Remove Emma Clarke from the case?");
    expect(confirmationHtml).toMatch(/<form method="post" action="\/cases\/1\/team"/); // a refusal shows on the page itself
    expect(confirmation).toContain("Warning Emma Clarke will lose access to Lily Marsh's case straight away");
    expect(await teamRows()).toBe(before);

    const response = await server.post(teamPath, { intent: "remove-member", userId: String(emmaId), confirm: "yes" }, socialWorker);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${teamPath}?removed-member=${emmaId}`);

    // Ended before it was reported done: what the open notes page sends after the response is never stored.
    const lateWords = `Emma after the removal`;
    notes.doc.getText("notes").insert(0, lateWords);
    await eventually(() => expect(notes.closeCodes).toContain(4403), 15_000);
    const room = await withinSeconds(roomRemoved, 15);
    expect(room.room).toBe("case:1");
    expect(room.reason).toBe("You are no longer working on this case.");
    await neverKept(notes, lateWords);

    expect((await server.get("/cases/1", emma)).status).toBe(404);
    const banner = mainText(await (await server.get(response.headers.get("location")!, socialWorker)).text());
    expect(banner).toContain("Emma Clarke has been removed from the case. Their access has ended");
    const [row] = await server.db.sql`
      select removed_by::int, removed_at is not null as removed from case_members where case_id = 1 and user_id = ${emmaId}`;
    expect(row).toEqual({ removed_by: await userId("socialWorker"), removed: true });
    // Her school stays on the case: its managers may still oversee it, and another member of staff may be added.
    const [school] = await server.db.sql`select removed_at from case_agencies where case_id = 1 and agency_id = 'larkfield-primary'`;
    expect(school.removed_at).toBeNull();
    expect(await auditCount({ action: "remove:case-member", outcome: "success", userKey: "socialWorker", target: `user:${emmaId}` })).toBe(1);
  });

  test("a social care team manager may add her back, and she can open the case again", async () => {
    const manager = await server.signIn("teamManager");
    const emmaId = await userId("education");
    const response = await server.post(teamPath, { intent: "add-member", userId: String(emmaId), roleOnCase: "Designated safeguarding lead" }, manager);
    expect(response.status).toBe(302);
    expect((await server.get("/cases/1", await server.signIn("education"))).status).toBe(200);
    // The earlier stretch of work stays in the record beside the new one.
    const rows = await server.db.sql`select removed_at is null as current from case_members where case_id = 1 and user_id = ${emmaId} order by id`;
    expect(rows.map((row) => row.current)).toEqual([false, true]);
    expect(await auditCount({ action: "add:case-member", outcome: "success", userKey: "teamManager", target: `user:${emmaId}` })).toBe(1);
  });
});

describe("removing an agency removes its professionals' access the same way", () => {
  test("Kestrel Vale Police leaves Lily's case: Alex Morgan's room and notes close, nothing he sends after is stored, and its manager loses oversight", async () => {
    const alex = await server.signIn("police");
    const alexId = await userId("police");
    const kim = await signInPoliceManager();
    expect((await server.get("/cases/1", kim)).status).toBe(200);
    const { notes, roomRemoved } = await openCase(alex);

    const ask = await server.post(teamPath, { intent: "remove-agency", agencyId: "kestrel-vale-police" }, socialWorker);
    expect(ask.status).toBe(302);
    const confirmation = mainText(await (await server.get(ask.headers.get("location")!, socialWorker)).text());
    expect(confirmation).toContain("Remove Kestrel Vale Police from the case?");
    expect(confirmation).toContain("These professionals will be removed with it: Alex Morgan");

    const response = await server.post(teamPath, { intent: "remove-agency", agencyId: "kestrel-vale-police", confirm: "yes" }, socialWorker);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${teamPath}?removed-agency=kestrel-vale-police`);

    // Ended before it was reported done: what the open notes page sends after the response is never stored.
    const lateWords = `Alex after the removal`;
    notes.doc.getText("notes").insert(0, lateWords);
    await eventually(() => expect(notes.closeCodes).toContain(4403), 15_000);
    const room = await withinSeconds(roomRemoved, 15);
    expect(room.room).toBe("case:1");
    await neverKept(notes, lateWords);

    expect((await server.get("/cases/1", alex)).status).toBe(404);
    expect((await server.get("/cases/1", kim)).status).toBe(404);
    expect((await server.get("/cases/2", alex)).status).toBe(200); // only Lily's case: he still works on Jayden's
    const text = mainText(await (await server.get(response.headers.get("location")!, socialWorker)).text());
    expect(text).toContain("Kestrel Vale Police and its professionals have been removed from the case");
    const agenciesOnCase = text.split("Agencies working on the case")[1].split("Add a professional")[0];
    expect(agenciesOnCase).toContain("Harbour Lane Surgery");
    expect(agenciesOnCase).not.toContain("Kestrel Vale Police");

    const [agency] = await server.db.sql`
      select removed_by::int, removed_at is not null as removed from case_agencies where case_id = 1 and agency_id = 'kestrel-vale-police'`;
    expect(agency).toEqual({ removed_by: await userId("socialWorker"), removed: true });
    const [member] = await server.db.sql`
      select removed_at is not null as removed from case_members where case_id = 1 and user_id = ${alexId} order by id desc limit 1`;
    expect(member.removed).toBe(true);
    const [audit] = await server.db.sql`
      select details from audit_events where action = 'remove:case-agency' and outcome = 'success' and case_id = 1
        and target = 'agency:kestrel-vale-police'`;
    expect(audit.details).toEqual({ membersRemoved: [alexId] });
    expect(await auditCount({ action: "remove:case-member", outcome: "success", userKey: "socialWorker", target: `user:${alexId}` })).toBe(1);
  });

  test("adding the officer back brings his agency back on its one row, recording who brought it back", async () => {
    const alexId = await userId("police");
    const response = await server.post(teamPath, { intent: "add-member", userId: String(alexId), roleOnCase: "Public protection officer" }, socialWorker);
    expect(response.status).toBe(302);
    const rows = await server.db.sql`
      select removed_at, removed_by, added_by::int from case_agencies where case_id = 1 and agency_id = 'kestrel-vale-police'`;
    expect([...rows]).toEqual([{ removed_at: null, removed_by: null, added_by: await userId("socialWorker") }]);
    expect((await server.get("/cases/1", await server.signIn("police"))).status).toBe(200);
    expect((await server.get("/cases/1", await signInPoliceManager())).status).toBe(200);
  });

  test("an agency can be added on its own, and removed again when none of its staff are on the case", async () => {
    const added = await server.post("/cases/2/team", { intent: "add-agency", agencyId: "larkfield-primary" }, socialWorker);
    expect(added.status).toBe(302);
    expect(mainText(await (await server.get(added.headers.get("location")!, socialWorker)).text())).toContain(
      "Larkfield Primary School has been added to the case",
    );
    const removed = await server.post("/cases/2/team", { intent: "remove-agency", agencyId: "larkfield-primary", confirm: "yes" }, socialWorker);
    expect(removed.status).toBe(302);
    const [row] = await server.db.sql`select removed_at is not null as removed from case_agencies where case_id = 2 and agency_id = 'larkfield-primary'`;
    expect(row.removed).toBe(true);
    expect((await server.get("/cases/2", await server.signIn("education"))).status).toBe(404);
  });
});
