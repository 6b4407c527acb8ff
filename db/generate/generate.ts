// A realistic partnership at scale, for the oversight benchmark (issue 13; decision 043): the demo partnership (its
// people sign in as before), then generated agencies, people and N cases over the last three years (inside the years
// whose bank holidays the portal knows), with their referrals, meetings, conferences, plans, core groups and audit
// trail. Set-based SQL from a seed, in one transaction, in the order the database's own guards allow (append-only
// tables, sign-off and plan-end freezes stay switched on). Only into an empty database.
import type { Sql } from "../client";
import { seedDemoPartnership, databaseHasPeople } from "../seed";
import { todayInEngland } from "../../common/forms/dates";
import { addCalendarDays } from "../../common/calendar-dates";
import { coveredYears } from "../../server/calendar/working-days";
import { createHelpers, settleSequences, type Plan } from "./helpers";
import { generatePeople } from "./people";
import { authoriseContacts, generateFrontDoor } from "./front-door";
import { generateCases } from "./cases";
import { planMeetings, writeMeetings } from "./meetings";
import { insertPlans, settleCases, writePlanContents, writePlans } from "./plans";
import { writeAudit } from "./audit";

export class GenerateRefused extends Error {}

export type GenerateOptions = { cases: number; seed?: number; now?: Date; log?: (line: string) => void };

export function planFor(options: GenerateOptions): Plan {
  const now = options.now ?? new Date();
  const today = todayInEngland(now);
  const threeYearsAgo = addCalendarDays(today, -3 * 365);
  const firstCovered = `${coveredYears.first}-01-08`;
  return {
    cases: options.cases,
    contacts: Math.ceil(options.cases * 2.5),
    auditRows: options.cases * 100,
    seed: options.seed ?? 1,
    start: threeYearsAgo > firstCovered ? threeYearsAgo : firstCovered,
    today,
    now,
  };
}

const idTables = [
  "users", "contacts", "cases", "case_people", "meetings", "case_maps", "child_protection_plans", "plan_outcomes",
  "plan_actions", "core_groups", "audit_events",
];

const counted = [
  "agencies", "users", "contacts", "contact_ratings", "contact_decisions", "cases", "case_people", "case_members",
  "meetings", "meeting_invitees", "map_scalings", "child_protection_plans", "plan_actions", "plan_action_versions",
  "core_groups", "core_group_members", "core_group_progress", "audit_events",
];

/** Fills an empty, migrated database; returns how many rows each main table holds. */
export async function generatePartnership(sql: Sql, options: GenerateOptions): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  if (!Number.isInteger(options.cases) || options.cases < 10 || options.cases > 1_000_000)
    throw new GenerateRefused("--cases must be a whole number from 10 to 1,000,000");
  if (await databaseHasPeople(sql))
    throw new GenerateRefused("the database already has people in it; a partnership is generated only into an empty one");
  const plan = planFor(options);
  log(`Generating ${plan.cases.toLocaleString("en-GB")} cases from ${plan.start} to ${plan.today} (seed ${plan.seed})`);
  const started = Date.now();
  const step = async (name: string, work: () => Promise<unknown>) => {
    const at = Date.now();
    await work();
    log(`  ${name} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
  };
  await sql.begin(async (begun) => {
    const tx = begun as unknown as Sql;
    // The demo seed opens its own transaction: inside this one, a savepoint.
    const savepoint = (tx as unknown as { savepoint: (fn: unknown) => unknown }).savepoint.bind(tx);
    const nested = new Proxy(tx, { get: (target, key) => (key === "begin" ? savepoint : Reflect.get(target, key)) });
    await step("the demo partnership", () => seedDemoPartnership(nested, { now: plan.now }));
    await step("calendar and random numbers", () => createHelpers(tx, plan));
    await step("agencies and people", () => generatePeople(tx, plan));
    await step("referrals, ratings, consent and proposals", () => generateFrontDoor(tx, plan));
    await step("cases, families, teams and their stories", () => generateCases(tx, plan));
    await step("meetings planned", () => planMeetings(tx, plan));
    await step("plans planned", () => writePlans(tx));
    for (const ep of [1, 2]) {
      const which = ep === 1 ? "first" : "second";
      await step(`${which} plans`, () => insertPlans(tx, ep));
      await step(`${which} episodes' meetings, conferences, scalings and sign-offs`, () => writeMeetings(tx, plan, ep));
      await step(`${which} plans' actions, core groups and progress`, () => writePlanContents(tx, plan, ep));
    }
    await settleCases(tx);
    await step("referrals authorised", () => authoriseContacts(tx, plan));
    await step("audit trail", () => writeAudit(tx, plan, log));
    await settleSequences(tx, idTables);
  });
  await step("analyse", () => sql`vacuum analyze`);
  const counts: Record<string, number> = {};
  for (const table of counted) {
    const [row] = await sql.unsafe<{ count: string }[]>(`select count(*) as count from ${table}`);
    counts[table] = Number(row.count);
  }
  log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return counts;
}
