// The audit trail of three years of work: a million rows (at 10,000 cases) of the case's own people viewing and
// changing its records on working days, from the day the case opened to today, a few refused; and sign-ins. Written
// in blocks so the generator can say how far it has got.
import { d, lastId, n, sqlList, type Plan } from "./helpers";
import type { Sql } from "../client";

const actions = [
  "view:case", "view:case", "view:case", "view:case", "view:case", "view:plan", "view:plan", "read:record", "view:meeting",
  "view:meeting", "view:map", "view:core-group", "write:record", "record:scaling", "view:child-voice", "view:case-team",
  "view:restricted-notes", "view:document-history", "view:your-actions", "sign-in",
];
const BLOCK = 200_000;

export async function writeAudit(tx: Sql, plan: Plan, log: (line: string) => void): Promise<void> {
  const base = await lastId(tx, "audit_events");
  for (let from = 1; from <= plan.auditRows; from += BLOCK) {
    const to = Math.min(plan.auditRows, from + BLOCK - 1);
    await tx.unsafe(`
      insert into audit_events (id, at, user_id, agency_id, action, outcome, case_id, target, ip, user_agent)
      overriding system value
      select ${n(base)} + i, least(pg_temp.at(c.opened_on + floor(pg_temp.r(i, 133) * (${d(plan.today)} - c.opened_on))::int, 480 + pg_temp.ri(i, 131, 0, 600)), now()),
             t.user_id, t.agency_id, a.action, case when pg_temp.r(i, 134) < 0.003 then 'denied' else 'success' end,
             case when a.action not in ('sign-in', 'view:your-actions') then c.case_id end,
             case when a.action = 'sign-in' then '' when a.action = 'view:your-actions' then 'your-work' else 'case:' || c.case_id end,
             '10.' || pg_temp.ri(t.user_id, 135, 1, 40) || '.' || pg_temp.ri(t.user_id, 136, 0, 255) || '.' || pg_temp.ri(i, 137, 1, 254),
             'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
        from generate_series(${n(from)}, ${n(to)}) i
        cross join lateral (select 1 + floor(pg_temp.r(i, 130) * ${n(plan.cases)})::int as case_no, floor(pg_temp.r(i, 132) * 6)::int as slot,
                                   pg_temp.pick(${sqlList(actions)}, pg_temp.r(i, 138)) as action) a
        join gen_case c on c.case_no = a.case_no
        join gen_team t on t.case_no = a.case_no and t.slot = a.slot
       order by i`);
    log(`  audit rows ${to.toLocaleString("en-GB")} of ${plan.auditRows.toLocaleString("en-GB")}`);
  }
}
