// Progress against the actions of a child protection plan, said at a core group by the action's owner agency (or the
// lead social worker): how it stands, why when it is at risk or no longer needed, and a short note. Every row is kept,
// attributed with the person and their agency; an action's progress is its latest row.
import type { Sql } from "../../db/client";
import type { ProgressStatus } from "../../common/forms/core-groups";

export type ActionProgress = {
  actionId: number;
  coreGroupId: number;
  status: ProgressStatus;
  reason: string;
  note: string;
  recordedAt: Date;
  recordedBy: string;
  agencyId: string;
  agencyName: string;
};

type Row = ActionProgress & { actionId: string; coreGroupId: string };
const fromRow = (row: Row): ActionProgress => ({ ...row, actionId: Number(row.actionId), coreGroupId: Number(row.coreGroupId) });

export async function recordProgress(
  sql: Sql,
  input: { coreGroupId: number; planId: number; actionId: number; status: ProgressStatus; reason: string; note: string; by: number; agencyId: string; at: Date },
): Promise<void> {
  await sql`
    insert into core_group_progress (core_group_id, plan_id, action_id, status, reason, note, recorded_at, recorded_by, recorded_by_agency_id)
    values (${input.coreGroupId}, ${input.planId}, ${input.actionId}, ${input.status}, ${input.reason}, ${input.note}, ${input.at},
            ${input.by}, ${input.agencyId})`;
}

/**
 * Each action's latest progress, by action id: across all the plan's core groups, or (`coreGroupId`) as said at that
 * core group.
 */
export async function latestProgress(sql: Sql, opts: { planId: number; coreGroupId?: number }): Promise<Map<number, ActionProgress>> {
  const rows = await sql<Row[]>`
    select distinct on (p.action_id) p.action_id as "actionId", p.core_group_id as "coreGroupId", p.status, p.reason, p.note,
           p.recorded_at as "recordedAt", u.full_name as "recordedBy", p.recorded_by_agency_id as "agencyId", a.name as "agencyName"
    from core_group_progress p join users u on u.id = p.recorded_by join agencies a on a.id = p.recorded_by_agency_id
    where p.plan_id = ${opts.planId} and (${opts.coreGroupId ?? null}::bigint is null or p.core_group_id = ${opts.coreGroupId ?? null})
    order by p.action_id, p.id desc`;
  return new Map(rows.map((row) => [Number(row.actionId), fromRow(row)]));
}
