// What every change to a child protection plan shares: one transaction that holds the plan's row (so changes are
// numbered one after another and none slips in after the plan ends), who may own an action, and the refusals a
// person can act on. Each change is a new version row; nothing is overwritten (db/migrations/010).
import type { Sql } from "../../db/client";
import { planMessages } from "../../common/forms/plan";

/** A refusal the person can act on; `field` is the form field it belongs to, `form` when it belongs to none. */
export type PlanRefusal = { ok: false; field: "ownerUserId" | "outcomeId" | "form"; message: string };

export const planRefusals = {
  ended: "This plan has ended, so nothing in it can change",
  noSuchOutcome: "That outcome is not part of this plan. The page may be out of date: reload it and try again",
  noSuchAction: "That action is not part of this plan. The page may be out of date: reload it and try again",
} as const;

export const refuse = (field: PlanRefusal["field"], message: string): PlanRefusal => ({ ok: false, field, message });

export { inTransaction } from "../../db/client";

/** Takes the plan's row for the rest of the transaction; false when there is no such active plan on the case. */
export async function holdActivePlan(tx: Sql, planId: number, caseId: number): Promise<boolean> {
  const [plan] = await tx<{ ended: boolean }[]>`
    select ended_on is not null as ended from child_protection_plans where id = ${planId} and case_id = ${caseId} for update`;
  return !!plan && !plan.ended;
}

/** Whether the database refused a change because the plan had ended (a race with its ending). */
export function isPlanEndedRefusal(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "42501" && typeof message === "string" && /^plan \d+ ended on/.test(message);
}

export type PlanOwner = { userId: number; fullName: string; jobTitle: string; agencyId: string; agencyName: string };

/**
 * Who may own an action of the case's plan: the professionals working on the case now, with active accounts, whose
 * agency is on the case (the action's agency is theirs). Administrators never work on cases.
 */
export async function listPlanOwners(sql: Sql, caseId: number, userId?: number): Promise<PlanOwner[]> {
  const rows = await sql<(PlanOwner & { userId: string })[]>`
    select u.id as "userId", u.full_name as "fullName", u.job_title as "jobTitle", a.id as "agencyId", a.name as "agencyName"
    from case_members m
    join users u on u.id = m.user_id
    join agencies a on a.id = u.agency_id
    join case_agencies ca on ca.case_id = m.case_id and ca.agency_id = a.id and ca.removed_at is null
    where m.case_id = ${caseId} and m.removed_at is null and u.active and u.role <> 'administrator'
      and (${userId ?? null}::bigint is null or u.id = ${userId ?? null})
    order by a.name, u.full_name, u.id`;
  return rows.map((row) => ({ ...row, userId: Number(row.userId) }));
}

/** An owner as the "Who will do it" list offers them, grouped by agency. */
export const ownerOption = (owner: PlanOwner) => ({ userId: owner.userId, label: `${owner.fullName}, ${owner.jobTitle}`, agencyName: owner.agencyName });

/** The owner's agency when they may own an action of the case's plan (checked again inside the change's transaction). */
export async function ownerAgencyOf(tx: Sql, caseId: number, userId: number): Promise<string | PlanRefusal> {
  const [owner] = await listPlanOwners(tx, caseId, userId);
  return owner ? owner.agencyId : refuse("ownerUserId", planMessages.ownerNotOnCase);
}

/** The next version number of a row of the plan (the plan's row is held, so no one else numbers at the same time). */
export async function nextVersion(tx: Sql, table: "plan_outcome_versions" | "plan_action_versions" | "child_protection_plan_details", key: { column: string; id: number }): Promise<number> {
  const [row] = await tx<{ next: number }[]>`
    select coalesce(max(version), 0) + 1 as next from ${tx(table)} where ${tx(key.column)} = ${key.id}`;
  return Number(row.next);
}
