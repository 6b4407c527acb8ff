// What a newcomer finds on first start (db/demo/): Lily's story carried on, as the portal itself would have written it.
// A signed-off strategy meeting that called for an initial conference, the conference held within its 15 working days
// and signed off, which made her plan (emotional abuse) with actions owned by social care, the police, health and the
// school, all due after today; the first core group on working day 8 after the conference, its clock met, progress
// said on every action by the agency that owns it, Lily's views heard since the conference, its notes signed off, the
// family's version holding only what was given to the family. Every day is counted back from the seed's clock, so this
// holds whatever day it runs.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lilysDays } from "../../db/demo/lily-story";
import { formatDate, formatDateTime } from "../../common/format";
import { instantInEngland } from "../../common/forms/dates";
import { latestProgress } from "../../server/core-groups/action-progress";
import { addWorkingDays, loadCalendar } from "../../server/calendar/working-days";
import { readPlan } from "../../server/plans/read-plan";
import { mainText } from "../support/html";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
let days: ReturnType<typeof lilysDays>;
const LILY = 1;
const agencies = ["Sandmere Borough Council Children's Services", "Kestrel Vale Police", "Sandmere Community Health NHS Trust", "Larkfield Primary School"];

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ["socialWorker", "police", "education"]) cookies[key] = await server.signIn(key);
  days = lilysDays(loadCalendar(), server.clock.now());
});
afterAll(async () => {
  await server?.close();
});

const page = async (path: string, key = "socialWorker") => {
  const response = await server.get(path, cookies[key]);
  expect(response.status, path).toBe(200);
  return mainText(await response.text());
};
const idOf = async (kind: "meeting" | "initial_conference") =>
  Number((await server.db.sql<{ id: string }[]>`select id from meetings where case_id = ${LILY} and kind = ${kind}`)[0].id);

describe("Lily's demo case on first start", () => {
  test("the front sheet lists the strategy meeting and the initial conference, both signed off, and no conference still to hold", async () => {
    const html = await (await server.get(`/cases/${LILY}`, cookies.police)).text();
    const sheet = mainText(html);
    expect(sheet).toMatch(new RegExp(`Strategy meeting, ${formatDateTime(instantInEngland(days.strategyMeeting, "10:00"))}\\s*Signed off`));
    expect(sheet).toMatch(new RegExp(`Initial child protection conference, ${formatDateTime(instantInEngland(days.conference, "13:30"))}\\s*Signed off`));
    // The conference the strategy meeting called for has been held: its clock is the conference's own, not a countdown.
    expect(html).not.toContain('data-testid="icpc-clock"');
  });

  test("the strategy meeting decided a section 47 enquiry and the conference 15 working days on, which met that clock", async () => {
    const strategy = await idOf("meeting");
    const minutes = await page(`/cases/${LILY}/meetings/${strategy}/minutes`);
    expect(minutes).toContain("Section 47 enquiry: yes.");
    const due = addWorkingDays(loadCalendar(), days.strategyMeeting, 15);
    expect(minutes).toContain(`An initial child protection conference is to be held by ${formatDate(due)}.`);
    const conference = await page(`/cases/${LILY}/meetings/${await idOf("initial_conference")}`);
    expect(conference).toMatch(/Signed off by Helen Ward/);
    expect(conference).toMatch(new RegExp(`Conference clock\\s*Met\\s*To be held by ${formatDate(due)}`));
  });

  test("the conference's decision made the plan: emotional abuse, Sam Okafor leads, the core group from every agency", async () => {
    const conference = await idOf("initial_conference");
    const minutes = await page(`/cases/${LILY}/meetings/${conference}/minutes`);
    expect(minutes).toContain("A child protection plan is needed. Category: emotional abuse. Lead social worker: Sam Okafor.");
    expect(minutes).toContain(`The first core group meets on ${formatDate(days.firstCoreGroup)}.`);
    // The family's minutes hold what was given to them, never the police's part for the chair.
    const family = await (await server.get(`/cases/${LILY}/meetings/${conference}/minutes/family`, cookies.socialWorker)).text();
    expect(family).toContain("Pat said she will have them whenever they need her");
    expect(family).not.toContain("two previous call-outs");
    expect(family).not.toContain("No further call-outs since the strategy meeting");
  });

  test("the plan page shows the plan, started the day of the conference, with actions owned by each agency, all due after today", async () => {
    const plan = await page(`/cases/${LILY}/plan`, "education");
    expect(plan).toMatch(/Category\s*Emotional abuse/);
    expect(plan).toContain(`Started on ${formatDate(days.conference)}`);
    expect(plan).toMatch(/Lead social worker\s*Sam Okafor/);
    for (const agency of agencies) expect(plan).toMatch(new RegExp(`Who [A-Z][a-z]+ [A-Z][a-z]+ \\(${agency.replace(/'/g, ".")}\\)`));
    const stored = (await readPlan(server.db.sql, LILY))!;
    const actions = stored.outcomes.flatMap((outcome) => outcome.actions);
    expect(stored.outcomes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(actions.map((action) => action.ownerAgencyName))).toEqual(new Set(agencies));
    for (const action of actions) expect(action.dueOn > days.today, `${action.number} due ${action.dueOn}`).toBe(true);
    const [contingency] = await server.db.sql`select 1 from collab_updates where document = ${`case:${LILY}:plan`}`;
    expect(contingency).toBeDefined();
  });

  test("the first core group met on working day 8 after the conference, its clock met, progress said by each action's owner agency, Lily's views since the conference shown", async () => {
    expect(days.firstCoreGroup).toBe(addWorkingDays(loadCalendar(), days.conference, 8));
    const [group] = await server.db.sql<{ id: string }[]>`select id from core_groups where case_id = ${LILY}`;
    const coreGroup = await page(`/cases/${LILY}/core-groups/${group.id}`, "police");
    expect(coreGroup).toContain(`Core group 1, ${formatDateTime(instantInEngland(days.firstCoreGroup, "15:45"))}`);
    expect(coreGroup).toMatch(/Signed off by Sam Okafor/);
    expect(coreGroup).toMatch(new RegExp(`Clock\\s*Due by ${formatDate(addWorkingDays(loadCalendar(), days.conference, 10))}\\s*Met`));
    expect(coreGroup).toMatch(/Alex Morgan\s*Kestrel Vale Police\s*Present/);

    const plan = (await readPlan(server.db.sql, LILY))!;
    const progress = await latestProgress(server.db.sql, { planId: plan.id, coreGroupId: Number(group.id) });
    for (const action of plan.outcomes.flatMap((outcome) => outcome.actions)) expect(progress.get(action.id)?.agencyId, action.what).toBe(action.ownerAgencyId);
    expect(await page(`/cases/${LILY}/plan`)).toMatch(/Latest progress\s*At risk\s*Why: The next Freedom Programme course is full/);

    // Lily's own words since the conference, heard alone at home on a visit between the conference and the core group.
    expect(days.conference < days.childSeenAtHome && days.childSeenAtHome < days.firstCoreGroup).toBe(true);
    expect(coreGroup).toMatch(new RegExp(`Lily's views since the conference\\s*Seen on ${formatDate(days.childSeenAtHome)}, alone\\. Recorded by Sam Okafor`));
    expect(coreGroup).toContain("Dean coming home at the end of the month.");
    expect(coreGroup).not.toContain(`Seen on ${formatDate(days.childSeen)}`); // heard before the conference, so not since it
    expect(coreGroup).not.toContain("Nothing of Lily's voice has been recorded since the conference.");

    // The family's version: social care's part, which it gave to the family; not the police's words.
    const family = await (await server.get(`/cases/${LILY}/core-groups/${group.id}/notes/family`, cookies.socialWorker)).text();
    expect(family).toContain("Two home visits since the conference");
    expect(family).not.toContain("A marker is on the address");
    expect(family).not.toContain("Officers will tell Sam Okafor");
  });
});
