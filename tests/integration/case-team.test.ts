// Who works on a case: the lead social worker and social care team managers add and remove professionals and
// agencies, and access follows at once — pages, socket.io rooms and open collaboration sockets — measured on the
// real clock against the server's default re-check interval.
// Here: the team page, who may change the team, and bad input. Adding and removing, and access following at once:
// case-team-changes.test.ts.
import { describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { useCaseTeamPortal, server, socialWorker, policeManager, teamPath, userId, signInPoliceManager, teamRows, auditCount } from "../support/case-team-portal";
import { mainText } from "../support/html";

useCaseTeamPortal();

describe("the page", () => {
  test("everyone who reads the case sees who works on it; only the lead and social care managers see the forms", async () => {
    const lead = await server.get(teamPath, socialWorker);
    expect(lead.status).toBe(200);
    const leadText = mainText(await lead.text());
    expect(leadText).toContain("Professionals and agencies on the case");
    expect(leadText).toMatch(/Sam Okafor Lead .*Lead social worker Sandmere Borough Council Children's Services/);
    expect(leadText).toContain("Emma Clarke");
    expect(leadText).toContain("Larkfield Primary School");
    expect(leadText).toContain("Add a professional");
    expect(leadText).toContain("Add an agency");
    expect(leadText).toContain("Remove Emma Clarke from the case");
    expect(leadText).not.toContain("Remove Sam Okafor");

    const police = await server.get(teamPath, await server.signIn("police"));
    expect(police.status).toBe(200);
    const policeText = mainText(await police.text());
    expect(policeText).toContain("Sam Okafor");
    expect(policeText).toContain("Larkfield Primary School");
    expect(policeText).not.toContain("Add a professional");
    expect(policeText).not.toContain("Remove");
    expect(policeText).toContain("Only the case's lead professional and social care team managers can change who works on this case");

    expect((await server.get(teamPath, await server.signIn("teamManager"))).status).toBe(200);
    expect(mainText(await (await server.get(teamPath, await server.signIn("teamManager"))).text())).toContain("Add a professional");
  });

  test("the list of professionals to add leaves out administrators, the deactivated and those already on the case", async () => {
    await server.db.sql`update users set active = false where email = ${demoUser("screener").email}`;
    try {
      const html = await (await server.get(teamPath, socialWorker)).text();
      const select = html.match(/<select[^>]*name="userId"[\s\S]*?<\/select>/)?.[0] ?? "";
      expect(select).toContain("Dr Olu Adeyemi");
      expect(select).toContain("Harbour Lane Surgery (not on the case yet)");
      expect(select).not.toContain("Dana Fox"); // the surgery's practice manager, an administrator
      expect(select).not.toContain("Tom Reed"); // deactivated
      expect(select).not.toContain("Emma Clarke"); // already on the case
    } finally {
      await server.db.sql`update users set active = true where email = ${demoUser("screener").email}`;
    }
  });

  test("the page of a case someone may not see is a 404, and audited", async () => {
    expect((await server.get(teamPath, await server.signIn("gp"))).status).toBe(404);
    expect((await server.get("/cases/2/team", await server.signIn("education"))).status).toBe(404);
    expect(await auditCount({ action: "read:case", outcome: "denied", userKey: "gp", target: "case:1" })).toBe(1);
  });
});

describe("only the case's social care lead and social care managers may change the team", () => {
  const attempts = async (): Promise<Record<string, string>[]> => [
    { intent: "add-member", userId: String(await userId("gp")), roleOnCase: "GP" },
    { intent: "remove-member", userId: String(await userId("education")), confirm: "yes" },
    { intent: "add-agency", agencyId: "harbour-lane-surgery" },
    { intent: "remove-agency", agencyId: "larkfield-primary", confirm: "yes" },
  ];

  /** Every one of the four changes refused with `status`, the team as it was, and each refusal audited as `action`. */
  const everyChangeRefused = async (key: string, status: number, action: string) => {
    const cookie = await server.signIn(key);
    const before = await teamRows();
    const deniedBefore = await auditCount({ action, outcome: "denied", userKey: key });
    for (const form of await attempts()) expect((await server.post(teamPath, form, cookie)).status).toBe(status);
    expect(await teamRows()).toBe(before);
    expect(await auditCount({ action, outcome: "denied", userKey: key })).toBe(deniedBefore + 4);
  };

  test.each([
    ["the police officer on the case", "police"],
    ["the health visitor on the case", "health"],
    ["the child protection chair on the case", "chair"],
  ])("%s: 403 for every change, nothing changes, each refusal audited", async (_who, key) => {
    await everyChangeRefused(key, 403, "manage:case-team");
  });

  test("a police team manager, who oversees the case, may read the page but not change it (403, audited)", async () => {
    const cookie = await signInPoliceManager();
    expect((await server.get(teamPath, cookie)).status).toBe(200);
    const before = await teamRows();
    for (const form of await attempts()) expect((await server.post(teamPath, form, cookie)).status).toBe(403);
    expect(await teamRows()).toBe(before);
    const [denied] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events e join users u on u.id = e.user_id
      where u.email = ${policeManager.email} and e.action = 'manage:case-team' and e.outcome = 'denied' and e.case_id = 1`;
    expect(denied.count).toBe(4);
  });

  const strangers = [
    ["social care's administrator", "socialCareAdmin"],
    ["the police administrator", "policeAdmin"],
    ["the GP, a stranger to Lily's case", "gp"],
  ];
  test.each(strangers)("%s, who may not see the case: 404 for every change, nothing changes, each refusal audited", (_who, key) =>
    everyChangeRefused(key, 404, "read:case"),
  );

  test("no one changes the team of a closed case, not even its lead", async () => {
    await server.db.sql`update cases set status = 'closed' where id = 2`;
    try {
      const before = await teamRows(2);
      const response = await server.post("/cases/2/team", { intent: "add-agency", agencyId: "larkfield-primary" }, socialWorker);
      expect(response.status).toBe(403);
      expect(await teamRows(2)).toBe(before);
      expect(mainText(await (await server.get("/cases/2/team", socialWorker)).text())).toContain(
        "This case is closed, so no one can change who works on it",
      );
    } finally {
      await server.db.sql`update cases set status = 'open' where id = 2`;
    }
  });
});

describe("bad input gets a clear message and changes nothing", () => {
  const cases: [string, () => Promise<Record<string, string>>, string][] = [
    ["no professional chosen", async () => ({ intent: "add-member", userId: "", roleOnCase: "GP" }), "Select the professional to add"],
    ["no role on the case", async () => ({ intent: "add-member", userId: String(await userId("gp")), roleOnCase: "   " }), "Enter their role on the case, for example Health visitor"],
    ["a role of 201 characters", async () => ({ intent: "add-member", userId: String(await userId("gp")), roleOnCase: "x".repeat(201) }), "Role on the case must be 200 characters or fewer"],
    ["a user id that does not exist", async () => ({ intent: "add-member", userId: "999999", roleOnCase: "GP" }), "Select the professional to add from the list"],
    ["a user id that is not a number", async () => ({ intent: "add-member", userId: "1 or 1=1", roleOnCase: "GP" }), "Select the professional to add"],
    ["an administrator as the professional", async () => ({ intent: "add-member", userId: String(await userId("gpAdmin")), roleOnCase: "Practice manager" }), "Dana Fox is an agency administrator. Administrators manage accounts and cannot work on children's cases"],
    ["someone already on the case", async () => ({ intent: "add-member", userId: String(await userId("police")), roleOnCase: "Officer" }), "Alex Morgan is already working on this case"],
    ["removing the lead social worker", async () => ({ intent: "remove-member", userId: String(await userId("socialWorker")), confirm: "yes" }), "Sam Okafor is the lead professional for this case and cannot be removed"],
    ["removing someone not on the case", async () => ({ intent: "remove-member", userId: String(await userId("gp")), confirm: "yes" }), "That professional is not working on this case"],
    ["removing the lead agency", async () => ({ intent: "remove-agency", agencyId: "sandmere-childrens-services", confirm: "yes" }), "Sandmere Borough Council Children's Services is the lead agency for this case and cannot be removed"],
    ["no agency chosen", async () => ({ intent: "add-agency", agencyId: "" }), "Select the agency to add"],
    ["an agency that does not exist", async () => ({ intent: "add-agency", agencyId: "no-such-agency" }), "Select the agency to add from the list"],
    ["an agency already on the case", async () => ({ intent: "add-agency", agencyId: "kestrel-vale-police" }), "Kestrel Vale Police is already on this case"],
    ["no intent", async () => ({ userId: String(await userId("gp")), roleOnCase: "GP" }), "Choose what to change on the case"],
  ];
  test.each(cases)("%s", async (_name, form, message) => {
    const before = await teamRows();
    const response = await server.post(teamPath, await form(), socialWorker);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("There is a problem");
    expect(text).toContain(message);
    expect(await teamRows()).toBe(before);
  });

  test("a deactivated professional cannot be added", async () => {
    await server.db.sql`update users set active = false where email = ${demoUser("screener").email}`;
    try {
      const before = await teamRows();
      const response = await server.post(teamPath, { intent: "add-member", userId: String(await userId("screener")), roleOnCase: "MASH" }, socialWorker);
      expect(response.status).toBe(400);
      expect(mainText(await response.text())).toContain("Tom Reed's account is deactivated, so they cannot be added to the case");
      expect(await teamRows()).toBe(before);
    } finally {
      await server.db.sql`update users set active = true where email = ${demoUser("screener").email}`;
    }
  });

  test("what was typed is kept, so nothing has to be typed again", async () => {
    const html = await (await server.post(teamPath, { intent: "add-member", userId: "", roleOnCase: "Named GP for Lily" }, socialWorker)).text();
    expect(html).toContain('value="Named GP for Lily"');
  });

  test("the confirmation is not offered for the lead", async () => {
    const response = await server.get(`${teamPath}?remove-member=${await userId("socialWorker")}`, socialWorker);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("Sam Okafor is the lead professional for this case and cannot be removed");
    expect(text).not.toContain("Yes, remove");
  });
});
