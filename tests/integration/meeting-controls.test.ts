// A strategy meeting's page offers each person only what the server lets them do, and the server still refuses the
// rest when it is posted directly; attendance is the chair's to record, or a person's own, and says who recorded it;
// an action may be due today, today being the calendar date in England; the front sheet lists every meeting.
import { describe, expect, test } from "vitest";
import { formatDateTime } from "../../common/format";
import { meetingKindNames, type MeetingKind } from "../../common/meeting-kinds";
import { mainText, visibleText } from "../support/html";
import { cookies, convene, ids, people, postForms, server, signInEveryone, useMeetingPortal, type PageForm } from "../support/meeting-portal";

useMeetingPortal();

const page = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status).toBe(200);
  return response.text();
};
/** The text of the element with this test id. */
const textOf = (html: string, testId: string) => visibleText(html.match(new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</td>`))?.[1] ?? "");
const attendanceOf = async (meetingId: number, person: string) =>
  (await server.db.sql<{ attendance: string }[]>`select attendance from meeting_invitees where meeting_id = ${meetingId} and user_id = ${ids[person]}`)[0].attendance;
const deniedCount = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where outcome = 'denied'`)[0].count;
const idOf = (path: string) => Number(path.split("/").pop());

describe("attendance", () => {
  test("an invitee records their own attendance, and only theirs; the chair anyone's; each mark says who recorded it and when", async () => {
    const meeting = await convene();
    const mark = (person: string, value: string) => ({ intent: "attendance", [`attendance-${ids[person]}`]: value });

    // The police officer's page offers one choice: their own.
    const attendanceForm = postForms(await page(meeting, "police")).find((form) => form.fields.intent === "attendance");
    expect(attendanceForm?.controls.filter((name) => name.startsWith("attendance-"))).toEqual([`attendance-${ids["alex.morgan"]}`]);
    expect((await server.post(meeting, mark("alex.morgan", "present"), cookies.police)).status).toBe(302);

    // Someone else's is refused, audited, and changes nothing.
    const denied = await deniedCount();
    expect((await server.post(meeting, { ...mark("alex.morgan", "present"), ...mark("nadia.hussain", "did_not_attend") }, cookies.police)).status).toBe(403);
    expect(await deniedCount()).toBe(denied + 1);
    const [audited] = await server.db.sql`select action, target from audit_events where outcome = 'denied' order by id desc limit 1`;
    expect(audited).toMatchObject({ action: "record:attendance", target: `meeting:${idOf(meeting)}` });
    expect(await attendanceOf(idOf(meeting), "nadia.hussain")).toBe("invited");

    // The chair records health's; each row names who recorded it.
    const chairForm = postForms(await page(meeting, "chair")).find((form) => form.fields.intent === "attendance");
    expect(chairForm?.controls.filter((name) => name.startsWith("attendance-"))).toHaveLength(5);
    expect((await server.post(meeting, mark("nadia.hussain", "apologies"), cookies.chair)).status).toBe(302);
    const seen = await page(meeting, "health");
    expect(textOf(seen, `attendance-recorded-${ids["alex.morgan"]}`)).toMatch(/^Alex Morgan, \d+ \w+ \d{4} at /);
    expect(textOf(seen, `attendance-recorded-${ids["nadia.hussain"]}`)).toMatch(/^Helen Ward, \d+ \w+ \d{4} at /);
    expect(textOf(seen, `attendance-recorded-${ids["emma.clarke"]}`)).toBe("Not recorded");
    // Health's own row is now the chair's mark, and health may still change it.
    expect(postForms(seen).find((form) => form.fields.intent === "attendance")?.fields).toMatchObject({ [`attendance-${ids["nadia.hussain"]}`]: "apologies" });

    // The professionals' minutes say who recorded each mark; the family's minutes are as they were.
    const minutes = mainText(await page(`${meeting}/minutes`, "education"));
    expect(minutes).toMatch(/Nadia Hussain, Sandmere Community Health NHS Trust: Apologies \(recorded by Helen Ward, \d+ \w+ \d{4} at [^)]+\)/);
    expect(minutes).toMatch(/Alex Morgan, Kestrel Vale Police: Present \(recorded by Alex Morgan, /);
    const family = mainText(await page(`${meeting}/minutes/family`, "chair"));
    expect(family).toContain("Nadia Hussain, Sandmere Community Health NHS Trust: Apologies");
    expect(family).not.toContain("recorded by");
  });

  test("someone not invited, and someone who oversees the case, are offered no choice and refused (403, audited)", async () => {
    const meeting = await convene();
    for (const key of ["teamManager", "partnershipManager"]) {
      expect(postForms(await page(meeting, key)).some((form) => form.fields.intent === "attendance")).toBe(false);
      const denied = await deniedCount();
      expect((await server.post(meeting, { intent: "attendance" }, cookies[key])).status).toBe(403);
      expect((await server.post(meeting, { intent: "attendance", [`attendance-${ids["helen.ward"]}`]: "present" }, cookies[key])).status).toBe(403);
      expect(await deniedCount()).toBe(denied + 2);
    }
    expect(await attendanceOf(idOf(meeting), "helen.ward")).toBe("invited");
  });
});

/** What a page offers: the intents of its forms, whose attendance it may record, and which actions' status. */
function offered(forms: PageForm[]) {
  return {
    intents: new Set(forms.map((form) => form.fields.intent)),
    attendance: new Set(forms.flatMap((form) => form.controls.filter((name) => name.startsWith("attendance-")))),
    actions: new Set(forms.filter((form) => form.fields.intent === "action-status").map((form) => Number(form.fields.actionId))),
  };
}

/** Well-formed posts of each control, so that a refusal can only be the policy's. */
const direct: Record<string, Record<string, string>> = {
  scale: { intent: "scale", score: "5", reasons: "Posted directly." },
  decisions: {
    intent: "decisions", section47: "no", section47Why: "Posted directly.", policeInvestigation: "none", immediateProtection: "no", icpc: "no",
    familyTold: "no", familyNotToldWhy: "Posted directly.",
  },
  dissent: { intent: "dissent", agencyId: "kestrel-vale-police", dissent: "Posted directly." },
  exempt: { intent: "exempt", agencyId: "kestrel-vale-police", reason: "Posted directly." },
  "add-action": { intent: "add-action", what: "Posted directly", ownerUserId: "0", due: "4 12 2030" },
  "sign-off": { intent: "sign-off" },
  addendum: { intent: "addendum", addendum: "Posted directly." },
};

/**
 * For each person: every form their page offers is sent as shown and is never refused; every control it does not
 * offer (another's attendance, another's action, the chair's forms, scaling, addenda) is refused when posted directly,
 * and each refusal is audited. `skip`: intents the page leaves out for a reason other than the policy (addenda before
 * sign-off). Returns what was refused, as "person intent".
 */
async function everyPageAsksThePolicy(meeting: string, { invitees, actionIds, skip = [] }: { invitees: number[]; actionIds: number[]; skip?: string[] }) {
  const refused: string[] = [];
  for (const key of people) {
    // The meeting's own forms (not the header's "Sign out").
    const forms = postForms(await page(meeting, key)).filter((form) => form.action.split("#")[0] === meeting);
    const shown = offered(forms);
    for (const form of forms) {
      const response = await server.post(meeting, form.fields, cookies[key]);
      expect({ key, intent: form.fields.intent, status: response.status }).not.toMatchObject({ status: 403 });
    }
    const notShown = [
      ...Object.keys(direct)
        .filter((intent) => !shown.intents.has(intent) && !skip.includes(intent))
        .map((intent) => direct[intent]),
      ...invitees.filter((userId) => !shown.attendance.has(`attendance-${userId}`)).map((userId) => ({ intent: "attendance", [`attendance-${userId}`]: "present" })),
      ...actionIds.filter((id) => !shown.actions.has(id)).map((id) => ({ intent: "action-status", actionId: String(id), status: "done" })),
    ];
    for (const form of notShown) {
      const denied = await deniedCount();
      const response = await server.post(meeting, form, cookies[key]);
      expect({ key, form, status: response.status }).toEqual({ key, form, status: 403 });
      expect(await deniedCount()).toBe(denied + 1);
      refused.push(`${key} ${form.intent}`);
    }
  }
  return refused;
}

describe("every page asks the policy what to show, as the server asks it what to allow", () => {
  test("before and after sign-off, nobody is offered a control the server refuses, and what is not offered is refused", async () => {
    const meeting = await convene();
    const invitees = ["helen.ward", "sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"].map((person) => ids[person]);
    const attendance: Record<string, string> = { intent: "attendance" };
    for (const userId of invitees) attendance[`attendance-${userId}`] = "present";
    expect((await server.post(meeting, attendance, cookies.chair)).status).toBe(302);
    for (const [owner, what] of [["alex.morgan", "Share the call-out history"], ["nadia.hussain", "Check Jayden's health visits"]])
      expect((await server.post(meeting, { intent: "add-action", what, ownerUserId: String(ids[owner]), due: "4 12 2030" }, cookies.chair)).status).toBe(302);
    const actionIds = (await server.db.sql<{ id: string }[]>`select id from meeting_actions where meeting_id = ${idOf(meeting)} order by id`).map((row) => Number(row.id));
    const [policeAction, healthAction] = actionIds;

    // The status of an action is offered to its owner and the chair, not to another invitee.
    expect(offered(postForms(await page(meeting, "police"))).actions).toEqual(new Set([policeAction]));
    expect(offered(postForms(await page(meeting, "health"))).actions).toEqual(new Set([healthAction]));
    expect(offered(postForms(await page(meeting, "chair"))).actions).toEqual(new Set(actionIds));

    const before = await everyPageAsksThePolicy(meeting, { invitees, actionIds, skip: ["addendum"] });
    // The chair's forms are refused to everyone else; another agency's action and another person's attendance too.
    for (const refusal of ["police decisions", "health sign-off", "education add-action", "socialWorker dissent", "police action-status", "partnershipManager scale"])
      expect(before).toContain(refusal);
    expect(before.filter((refusal) => refusal.startsWith("chair "))).toEqual([]);

    // Everyone who attended scales; the chair records the decisions and signs off.
    for (const key of ["socialWorker", "police", "health", "education"])
      expect((await server.post(meeting, { intent: "scale", score: "5", reasons: `${key} reasons` }, cookies[key])).status).toBe(302);
    expect((await server.post(meeting, direct.decisions, cookies.chair)).status).toBe(302);
    expect((await server.post(meeting, { intent: "sign-off" }, cookies.chair)).status).toBe(302);

    const after = await everyPageAsksThePolicy(meeting, { invitees, actionIds });
    // After sign-off nobody records attendance or chairs, and the owner still says how their action stands.
    for (const refusal of ["chair attendance", "chair decisions", "chair sign-off", "police attendance", "partnershipManager addendum"]) expect(after).toContain(refusal);
    expect(after).not.toContain("chair action-status");
    expect(offered(postForms(await page(meeting, "police"))).actions).toEqual(new Set([policeAction]));
  });
});

describe("the front sheet", () => {
  test("lists every meeting of the case with its kind, date and state, the signed-off ones too", async () => {
    const meetings = await server.db.sql<{ id: string; kind: MeetingKind; heldAt: Date; signedOff: boolean }[]>`
      select id, kind, held_at as "heldAt", signed_off_at is not null as "signedOff" from meetings where case_id = 1 order by id`;
    // The meetings the tests above convened: one of them signed off, the others open; and the demo's strategy meeting
    // and initial conference, both signed off.
    const convened = meetings.filter((meeting) => formatDateTime(meeting.heldAt) === "10 December 2026 at 10:00am");
    expect(convened.length).toBeGreaterThanOrEqual(3);
    expect(convened.filter((meeting) => meeting.signedOff)).toHaveLength(1);
    expect(meetings.filter((meeting) => meeting.kind === "initial_conference" && meeting.signedOff)).toHaveLength(1);
    const html = await page("/cases/1", "health");
    const list = html.match(/<ul[^>]*data-testid="case-meetings"[^>]*>([\s\S]*?)<\/ul>/)?.[1] ?? "";
    const items = [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => item[1]).filter((item) => item.includes('href="/cases/1/meetings/'));
    expect(items).toHaveLength(meetings.length);
    for (const meeting of meetings) {
      const item = items.find((text) => text.includes(`href="/cases/1/meetings/${meeting.id}"`));
      expect(visibleText(item ?? "")).toBe(`${meetingKindNames[meeting.kind]}, ${formatDateTime(meeting.heldAt)} ${meeting.signedOff ? "Signed off" : "Open"}`);
    }
  });
});

// Last: it moves the clock on past everyone's sessions.
describe("an action's due date", () => {
  test("today in England is accepted, though it is still yesterday by the server's UTC clock; yesterday is refused", async () => {
    const meeting = await convene();
    // 23:30 UTC on Saturday 10 July 2027 is 00:30 on Sunday 11 July in England (British Summer Time).
    server.clock.advance(Date.UTC(2027, 6, 10, 23, 30) - server.clock.now().getTime());
    await signInEveryone();
    const add = (due: string) =>
      server.post(meeting, { intent: "add-action", what: `Visit Kerry (due ${due})`, ownerUserId: String(ids["sam.okafor"]), due }, cookies.chair);
    const yesterday = await add("10 7 2027");
    expect([yesterday.status, yesterday.headers.get("location")]).toEqual([400, null]);
    expect(mainText(await yesterday.text())).toContain("Due date must be today or in the future");
    expect((await add("11 7 2027")).status).toBe(302);
    expect(mainText(await (await server.get(meeting, cookies.police)).text())).toContain("Visit Kerry (due 11 7 2027)");
  });
});
