// A conference's page and a core group's page offer each person only what the server lets them do, and the server
// refuses the rest when it is posted directly (403, audited), before and after sign-off: the trial's "controls offered
// that the server then refuses", checked on the pages conferences and core groups added, as meeting-controls checks a
// strategy meeting's. Generic: every form anyone is offered is posted by everyone else.
import { describe, expect, test } from "vitest";
import { cookies, ids, scheduled, server, todayBoxes, useCoreGroupPortal } from "../support/core-group-portal";
import { postForms, type PageForm } from "../support/meeting-portal";

useCoreGroupPortal();

const everyone = ["chair", "socialWorker", "teamManager", "police", "health", "education", "partnershipManager"];
const deniedCount = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where outcome = 'denied'`)[0].count;

/**
 * What a page offers, one entry per control a person could use: an attendance form is one offer per person it marks,
 * any other form one offer named by its intent and the row it is for (an action, an agency's part).
 */
function offersOf(forms: PageForm[]): Map<string, Record<string, string>> {
  const offers = new Map<string, Record<string, string>>();
  for (const form of forms) {
    const { intent } = form.fields;
    if (intent === "attendance")
      for (const control of form.controls.filter((name) => name.startsWith("attendance-"))) offers.set(`attendance ${control}`, { intent, [control]: "present" });
    else offers.set([intent, form.fields.actionId, form.fields.agencyId, form.fields.part].filter(Boolean).join(" "), form.fields);
  }
  return offers;
}

/**
 * Every form a person's page shows is posted as shown and is never refused (sign-off aside, which the test does
 * itself); every offer anyone else has that this person's page leaves out is posted by them and refused, audited.
 * Returns every offer anyone had, and what was refused, as "person offer".
 */
async function everyPageAsksThePolicy(path: string): Promise<{ offered: string[]; refused: string[] }> {
  const shown = new Map<string, PageForm[]>();
  for (const key of everyone) {
    // A page that is only a form (an action's) is refused (403) to those who may not send it: it offers them nothing.
    const response = await server.get(path, cookies[key]);
    expect({ key, status: response.status }).toEqual({ key, status: response.status === 403 ? 403 : 200 });
    shown.set(key, response.ok ? postForms(await response.text()).filter((form) => form.action.split("#")[0] === path) : []);
  }
  const all = new Map([...shown.values()].flatMap((forms) => [...offersOf(forms)]));
  const refused: string[] = [];
  for (const key of everyone) {
    const forms = shown.get(key)!;
    for (const form of forms.filter((form) => form.fields.intent !== "sign-off")) {
      const response = await server.post(path, form.fields, cookies[key]);
      expect({ key, intent: form.fields.intent, status: response.status }).not.toMatchObject({ status: 403 });
    }
    const mine = offersOf(forms);
    for (const [offer, fields] of all) {
      if (mine.has(offer)) continue;
      const denied = await deniedCount();
      const response = await server.post(path, fields, cookies[key]);
      expect({ key, offer, status: response.status }).toEqual({ key, offer, status: 403 });
      expect(await deniedCount()).toBe(denied + 1);
      refused.push(`${key} ${offer}`);
    }
  }
  return { offered: [...all.keys()], refused };
}

const invitees = ["helen.ward", "sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"];

describe("a review conference of Lily's plan", () => {
  test("before and after sign-off, nobody is offered a control the server refuses, and what is not offered is refused", async () => {
    const { day, month, year } = todayBoxes();
    const form = new URLSearchParams({
      heldOnDay: day, heldOnMonth: month, heldOnYear: year, heldTime: "10:00", how: "in_person",
      concern: "To review Lily's plan.", chairUserId: String(ids["helen.ward"]), lateReason: "",
    });
    for (const person of invitees.slice(1)) form.append("invitee", String(ids[person]));
    const convened = await server.post("/cases/1/meetings/new-review", {}, cookies.chair, { body: form });
    expect(convened.status).toBe(302);
    const conference = convened.headers.get("location")!;
    const added = { intent: "add-action", what: "Share the call-out log", ownerUserId: String(ids["alex.morgan"]), due: "4 12 2030" };
    expect((await server.post(conference, added, cookies.chair)).status).toBe(302);

    const { refused: before } = await everyPageAsksThePolicy(conference);
    // The chair's parts are refused to everyone else; another agency's part and action, another person's attendance too.
    for (const refusal of ["socialWorker conference-decision", "police views", "health sign-off", "education add-action", "teamManager dissent", `education attendance attendance-${ids["alex.morgan"]}`])
      expect(before).toContain(refusal);
    expect(before.filter((refusal) => /^education action-status|^health family-marking kestrel-vale-police/.test(refusal)).length).toBe(2);
    // The chair is refused only what is another agency's own: whether its report goes to the family, who reads its part.
    expect(before.filter((refusal) => refusal.startsWith("chair ") && !/^chair (family-marking|chair-part-readers) (kestrel-vale-police|sandmere-community-health|larkfield-primary)\b/.test(refusal))).toEqual([]);

    const attendance: Record<string, string> = { intent: "attendance" };
    for (const person of invitees) attendance[`attendance-${ids[person]}`] = "present";
    expect((await server.post(conference, attendance, cookies.chair)).status).toBe(302);
    for (const key of ["socialWorker", "police", "health", "education"])
      expect((await server.post(conference, { intent: "scale", score: "6", reasons: `${key}: the plan is working.` }, cookies[key])).status).toBe(302);
    const decision = { intent: "conference-decision", planNeeded: "yes", revisions: "Weekly visits until the safety plan is signed." };
    expect((await server.post(conference, decision, cookies.chair)).status).toBe(302);
    expect((await server.post(conference, { intent: "sign-off" }, cookies.chair)).status).toBe(302);

    // After sign-off: addenda, and the status of an action, for its owner and the chair; nothing else of the record.
    const { offered, refused: after } = await everyPageAsksThePolicy(conference);
    expect(offered.map((offer) => offer.split(" ")[0]).filter((intent) => !["addendum", "action-status", "chair-part-readers"].includes(intent))).toEqual([]);
    expect(after).toContain("partnershipManager addendum");
    expect(after.some((refusal) => /^education action-status \d+$/.test(refusal))).toBe(true);
    expect(after.filter((refusal) => refusal.startsWith("chair ") && !/^chair (family-marking|chair-part-readers) /.test(refusal))).toEqual([]);
  });
});

describe("a core group of Lily's plan", () => {
  test("before and after sign-off, nobody is offered a control the server refuses, and what is not offered is refused", async () => {
    const coreGroup = await scheduled(1, todayBoxes(), ["alex.morgan", "nadia.hussain", "emma.clarke"]);

    const { refused: before } = await everyPageAsksThePolicy(coreGroup);
    // Sign-off and changing the plan are the lead's; progress on an action is its owner agency's; a part's marking too.
    for (const refusal of ["police sign-off", "education add-action", "partnershipManager for-family kestrel-vale-police"]) expect(before).toContain(refusal);
    expect(before.some((refusal) => /^education progress \d+$/.test(refusal))).toBe(true);
    expect(before.some((refusal) => refusal.startsWith("health for-family kestrel-vale-police"))).toBe(true);
    // The lead social worker is refused only another agency's say on its part going to the family.
    expect(before.filter((refusal) => refusal.startsWith("socialWorker "))).toEqual(
      ["kestrel-vale-police", "sandmere-community-health", "larkfield-primary"].map((agency) => `socialWorker for-family ${agency}`),
    );

    const attendance: Record<string, string> = { intent: "attendance" };
    for (const person of ["sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"]) attendance[`attendance-${ids[person]}`] = "present";
    expect((await server.post(coreGroup, attendance, cookies.socialWorker)).status).toBe(302);
    expect((await server.post(coreGroup, { intent: "sign-off" }, cookies.socialWorker)).status).toBe(302);

    // After sign-off: addenda from the members, and the distribution from the lead; nothing else of the notes.
    const { offered, refused: after } = await everyPageAsksThePolicy(coreGroup);
    expect(offered.map((offer) => offer.split(" ")[0]).filter((intent) => !["addendum", "distribution", "add-action"].includes(intent))).toEqual([]);
    for (const refusal of ["police distribution", "partnershipManager addendum"]) expect(after).toContain(refusal);
    expect(after.filter((refusal) => refusal.startsWith("socialWorker "))).toEqual([]);
  });
});

describe("Lily's plan", () => {
  test("its page and an action's page offer changes only to those who may make them; the rest are refused", async () => {
    const { refused } = await everyPageAsksThePolicy("/cases/1/plan");
    for (const refusal of ["police add-action", "education add-outcome", "chair change-visits", "partnershipManager add-action"]) expect(refused).toContain(refusal);
    expect(refused.filter((refusal) => /^(socialWorker|teamManager) /.test(refusal))).toEqual([]);
    const [action] = await server.db.sql<{ id: string }[]>`select action_id as id from plan_action_versions where owner_agency_id = 'kestrel-vale-police' limit 1`;
    const { refused: onAction } = await everyPageAsksThePolicy(`/cases/1/plan/actions/${action.id}`);
    // The police own the action but the plan is social care's: its wording, owner and date are changed by the lead.
    expect(onAction.some((refusal) => refusal.startsWith("police "))).toBe(true);
    expect(onAction.filter((refusal) => /^(socialWorker|teamManager) /.test(refusal))).toEqual([]);
  });
});
