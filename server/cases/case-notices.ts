// A change to a case's work (its plan, a core group, a meeting's sign-off) shown on more than the case's own pages:
// every open page of the case is told, and so is "Your work" of everyone on the case, where their actions, core
// groups and conferences are listed. The notices carry no content; each page's loader asks the policy what to show.
import type { Sql } from "../../db/client";
import type { EventHub, ChangeNotice } from "../services";

/** Everyone working on the case now. */
export async function listCaseMemberIds(sql: Sql, caseId: number): Promise<number[]> {
  const rows = await sql<{ userId: string }[]>`select user_id as "userId" from case_members where case_id = ${caseId} and removed_at is null`;
  return rows.map((row) => Number(row.userId));
}

export async function announceCaseWork(services: { sql: Sql; events: EventHub }, caseId: number, what: ChangeNotice["what"]): Promise<void> {
  services.events.publish({ room: `case:${caseId}`, what });
  for (const userId of await listCaseMemberIds(services.sql, caseId)) services.events.publish({ room: `user:${userId}`, what });
}
