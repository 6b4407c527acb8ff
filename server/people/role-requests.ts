// Roles that read across cases wait for a second administrator of the same agency: whoever asked cannot approve.
import type { Sql } from "../../db/client";
import { roleNames, type Role } from "../access/policy";
import { noticeMessage, sendNotice } from "../mail/account-mail";
import { agencyName, createInvitedPerson, sendInvitation, type MailDeps } from "./invitations";

export type RoleRequest = {
  id: number;
  fullName: string;
  email: string;
  jobTitle: string;
  role: Role;
  requestedBy: number;
  requestedByName: string;
  requestedAt: Date;
};

export async function listPendingRoleRequests(sql: Sql, agencyId: string): Promise<RoleRequest[]> {
  const rows = await sql<RoleRequest[]>`
    select r.id, r.full_name as "fullName", r.email, r.job_title as "jobTitle", r.role, r.requested_by as "requestedBy",
           u.full_name as "requestedByName", r.requested_at as "requestedAt"
    from role_requests r join users u on u.id = r.requested_by
    where r.agency_id = ${agencyId} and r.outcome is null
    order by r.requested_at`;
  return rows.map((row) => ({ ...row, id: Number(row.id), requestedBy: Number(row.requestedBy) }));
}

export type DecisionResult =
  | { ok: true; outcome: "approved"; request: RoleRequest; userId: number; emailSent: boolean }
  | { ok: true; outcome: "refused"; request: RoleRequest }
  | { ok: false; reason: "not-found" | "own-request" | "email-taken"; message: string };

/** Approves (the person is created and invited) or refuses a pending request of the administrator's own agency. */
export async function decideRoleRequest(
  deps: MailDeps,
  opts: { requestId: number; agencyId: string; by: number; approve: boolean; origin: string },
): Promise<DecisionResult> {
  const { sql, now } = deps;
  const request = (await listPendingRoleRequests(sql, opts.agencyId)).find((candidate) => candidate.id === opts.requestId);
  if (!request) return { ok: false, reason: "not-found", message: "That request has already been decided, or is not your agency's." };
  if (opts.approve && request.requestedBy === opts.by)
    return { ok: false, reason: "own-request", message: "You asked for this role, so another administrator in your agency must approve it." };
  const person = { agencyId: opts.agencyId, fullName: request.fullName, email: request.email, jobTitle: request.jobTitle, role: request.role };

  const decided = await sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const rows = await t`
      update role_requests set outcome = ${opts.approve ? "approved" : "refused"}, decided_by = ${opts.by}, decided_at = ${now}
      where id = ${request.id} and agency_id = ${opts.agencyId} and outcome is null
      returning id`;
    if (rows.length === 0) return { state: "gone" as const };
    if (!opts.approve) return { state: "refused" as const };
    const created = await createInvitedPerson(t, { person, createdBy: request.requestedBy, now });
    if (!created) throw new EmailTaken();
    await t`update role_requests set user_id = ${created.userId} where id = ${request.id}`;
    return { state: "approved" as const, ...created };
  }).catch((error: unknown) => {
    if (error instanceof EmailTaken) return { state: "taken" as const };
    throw error;
  });

  if (decided.state === "gone") return { ok: false, reason: "not-found", message: "That request has already been decided." };
  if (decided.state === "taken") return { ok: false, reason: "email-taken", message: "Someone already uses this email address in the portal." };
  if (decided.state === "refused") {
    await sendNotice(
      deps.mailer,
      noticeMessage(person, { kind: "role-refused", roleName: roleNames[person.role], agencyName: await agencyName(sql, opts.agencyId) }, now),
    );
    return { ok: true, outcome: "refused", request };
  }
  const emailSent = await sendInvitation(deps, { person, token: decided.token, expiresAt: decided.expiresAt, origin: opts.origin });
  return { ok: true, outcome: "approved", request, userId: decided.userId, emailSent };
}

class EmailTaken extends Error {}
