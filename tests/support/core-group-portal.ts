// The portal the core group tests run against: the people of Lily's and Jayden's cases signed in, their ids by email
// name, a clock the tests set to a day in England, a child protection plan made for Jayden on a chosen day, and the
// lead social worker scheduling core groups through the real form.
import { afterAll, beforeAll } from "vitest";
import { instantInEngland } from "../../common/forms/dates";
import { createPlan } from "../../server/plans/create-plan";
import { openForOversight } from "./oversight-access";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export const cookies: Record<string, string> = {};
/** Each person's id, by the part of their email before the @ ("sam.okafor"). */
export const ids: Record<string, number> = {};
const people = ["socialWorker", "teamManager", "chair", "police", "health", "education", "gp", "partnershipManager"] as const;

/** Starts the portal for the test file that calls this (at its top level), and stops it after. */
export function useCoreGroupPortal(env: Record<string, string> = {}): void {
  beforeAll(async () => {
    server = await startTestServer(env);
    for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
    await signInEveryone();
  });
  afterAll(async () => {
    await server?.close();
  });
}

/**
 * Signs everyone in. The partnership manager, on no case, oversees Lily's and Jayden's having said why (decision 039),
 * again each time the clock moves, as that runs out.
 */
export async function signInEveryone(): Promise<void> {
  for (const key of people) cookies[key] = await server.signIn(key);
  for (const caseId of [1, 2]) await openForOversight(server, cookies.partnershipManager, caseId);
}

/** Moves the portal's clock to 10:00 in England on `day` (YYYY-MM-DD), and signs everyone in again. */
export async function moveTo(day: string): Promise<void> {
  server.clock.advance(instantInEngland(day, "10:00").getTime() - server.clock.now().getTime());
  await signInEveryone();
}

/** Today in England by the portal's clock, as the three boxes of a date take it. */
export function todayBoxes(): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(server.clock.now()).split("-");
  return { day, month, year };
}

/**
 * A child protection plan for Jayden (case 2) made by a conference on `startedOn`, with one action each for the
 * police, health and the GP surgery, due a month on. Its id.
 */
export async function planForJayden(startedOn: string): Promise<number> {
  const made = await createPlan(server.db.sql, {
    caseId: 2,
    startedOn,
    primaryCategory: "neglect",
    otherCategories: [],
    leadUserId: ids["sam.okafor"],
    visits: "Every 10 working days",
    seenAlone: "Not yet: Jayden is two",
    by: ids["sam.okafor"],
    at: server.clock.now(),
    outcomes: [
      {
        wording: "Jayden is fed, warm and seen by a doctor when he is ill.",
        actions: [
          { what: "Share every call-out to the house", why: "To know when Dean is violent", ownerUserId: ids["alex.morgan"], dueOn: "2027-02-26", measure: "Call-outs shared the next working day" },
          { what: "Weigh Jayden every fortnight", why: "He was underweight", ownerUserId: ids["nadia.hussain"], dueOn: "2027-02-26", measure: "Weight on the centile line" },
          { what: "See Jayden at the surgery within a day of any illness", why: "He was not taken when ill", ownerUserId: ids["olu.adeyemi"], dueOn: "2027-02-26", measure: "Every illness seen" },
        ],
      },
    ],
  });
  if (!made.ok) throw new Error(`Jayden's plan could not be made: ${made.message}`);
  return made.planId;
}

/** The ids of the plan's actions, by the owner's email name. */
export async function actionsOf(planId: number): Promise<Record<string, number>> {
  const rows = await server.db.sql<{ id: string; owner: string }[]>`
    select distinct on (v.action_id) v.action_id as id, u.email as owner
    from plan_action_versions v join users u on u.id = v.owner_user_id
    where v.plan_id = ${planId} order by v.action_id, v.version desc`;
  return Object.fromEntries(rows.map((row) => [row.owner.split("@")[0], Number(row.id)]));
}

/** The lead social worker (or `as`) sends the scheduling form: a date, a time, how, and members by email name. */
export function schedule(
  caseId: number,
  on: { day: string; month: string; year: string },
  members: string[],
  extra: Record<string, string> = {},
  as = cookies.socialWorker,
): Promise<Response> {
  const form = new URLSearchParams({ intent: "schedule", heldOnDay: on.day, heldOnMonth: on.month, heldOnYear: on.year, heldTime: "10:00", how: "video", ...extra });
  for (const member of members) form.append("member", String(ids[member]));
  return server.post(`/cases/${caseId}/core-groups/new`, {}, as, { body: form });
}

/** Schedules a core group that must be accepted; its page's path. */
export async function scheduled(caseId: number, on: { day: string; month: string; year: string }, members: string[], extra: Record<string, string> = {}): Promise<string> {
  const response = await schedule(caseId, on, members, extra);
  if (response.status !== 302) throw new Error(`scheduling failed with ${response.status}: ${await response.text()}`);
  return response.headers.get("location")!;
}

/** How many rows a table holds now. */
export async function countOf(table: "core_groups" | "core_group_progress" | "core_group_members"): Promise<number> {
  const [row] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from ${server.db.sql(table)}`;
  return row.count;
}

/** Denials of `action` audited since `afterId`. */
export async function denials(action: string, afterId: string): Promise<number> {
  const [row] = await server.db.sql<{ count: number }[]>`
    select count(*)::int as count from audit_events where id > ${afterId} and action = ${action} and outcome = 'denied'`;
  return row.count;
}

export async function lastAuditId(): Promise<string> {
  const [row] = await server.db.sql<{ id: string }[]>`select coalesce(max(id), 0)::text as id from audit_events`;
  return row.id;
}
