// Adding a person to an agency: at one of the agency's email domains; invited by email at once, or, for a role that
// reads across cases (or manages people), only once a second administrator has approved it.
import type { Sql } from "../../db/client";
import type { PersonInput } from "../../common/forms/person";
import { roleNames, type AgencyKind, type Role } from "../access/policy";
import { noticeMessage, sendNotice } from "../mail/account-mail";
import { agencyName, createInvitedPerson, sendInvitation, type MailDeps } from "./invitations";

export type AddPersonResult =
  | { ok: true; outcome: "invited"; userId: number; emailSent: boolean }
  | { ok: true; outcome: "awaiting-approval"; requestId: number }
  | { ok: false; field: "email" | "role"; message: string };

/**
 * Roles that read children's records across cases (team managers for their agency's cases, chairs restricted records
 * on theirs, partnership managers every case), and administrators, who could otherwise approve their own requests
 * through a second account.
 */
export const rolesNeedingApproval: readonly Role[] = ["manager", "chair", "partnership_manager", "administrator"];

export const needsApproval = (role: Role) => rolesNeedingApproval.includes(role);

/** Roles that only make sense in one kind of agency. */
export function roleProblem(role: PersonInput["role"], agencyKind: AgencyKind): string | undefined {
  if (role === "partnership_manager" && agencyKind !== "partnership")
    return "Only the safeguarding partnership has partnership managers";
  if (role === "chair" && agencyKind !== "social_care") return "Child protection chairs belong to children's social care";
  return undefined;
}

export async function agencyEmailDomains(sql: Sql, agencyId: string): Promise<string[]> {
  const [row] = await sql<{ domains: string[] }[]>`select email_domains as domains from agencies where id = ${agencyId}`;
  return row?.domains ?? [];
}

/** Why this email cannot be one of the agency's people, if it cannot. */
export function emailDomainProblem(email: string, domains: readonly string[]): string | undefined {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (domains.some((allowed) => allowed.toLowerCase() === domain)) return undefined;
  if (domains.length === 0) return "Your agency has no email domains set up, so nobody can be added yet. Ask whoever runs the portal to add them";
  const list = domains.length === 1 ? domains[0] : `${domains.slice(0, -1).join(", ")} or ${domains[domains.length - 1]}`;
  return `Enter an email address at your agency's domain: ${list}`;
}

/**
 * The address must name one ordinary mailbox. Plus-addressing (jo.price+pm@…) and other sub-addresses deliver to a
 * mailbox someone else already owns, and characters that look alike or reorder text (non-ASCII, bidirectional
 * controls) let an address pass for another; none is needed by a real work address.
 */
const LOCAL_PART = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function emailFormProblem(email: string): string | undefined {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (at < 1 || !LOCAL_PART.test(local))
    return "The part of the email address before the @ can only contain letters a to z, numbers, full stops, hyphens and underscores, and cannot start or end with a full stop";
  if (!DOMAIN.test(domain)) return "The part of the email address after the @ can only contain letters a to z, numbers, full stops and hyphens";
  return undefined;
}

const localPart = (email: string) => email.slice(0, email.lastIndexOf("@")).toLowerCase();

/** The administrator's own mailbox name, at any of the agency's domains, is theirs: it cannot be someone new. */
async function ownMailboxProblem(sql: Sql, email: string, administratorId: number): Promise<string | undefined> {
  const [admin] = await sql<{ email: string }[]>`select email from users where id = ${administratorId}`;
  if (admin && localPart(admin.email) === localPart(email))
    return "This is the same mailbox name as your own address. Enter the person's own work email address";
  return undefined;
}

export async function emailInUse(sql: Sql, email: string): Promise<boolean> {
  const [row] = await sql<{ taken: boolean }[]>`
    select exists (select 1 from users where lower(email) = lower(${email}))
        or exists (select 1 from role_requests where lower(email) = lower(${email}) and outcome is null) as taken`;
  return row.taken;
}

const EMAIL_TAKEN = "Someone already uses this email address in the portal";

export async function addPerson(
  deps: MailDeps,
  opts: { agencyId: string; agencyKind: AgencyKind; person: PersonInput; addedBy: number; origin: string },
): Promise<AddPersonResult> {
  const { sql, now } = deps;
  const problem = roleProblem(opts.person.role, opts.agencyKind);
  if (problem) return { ok: false, field: "role", message: problem };
  const formProblem = emailFormProblem(opts.person.email);
  if (formProblem) return { ok: false, field: "email", message: formProblem };
  const domainProblem = emailDomainProblem(opts.person.email, await agencyEmailDomains(sql, opts.agencyId));
  if (domainProblem) return { ok: false, field: "email", message: domainProblem };
  const ownMailbox = await ownMailboxProblem(sql, opts.person.email, opts.addedBy);
  if (ownMailbox) return { ok: false, field: "email", message: ownMailbox };
  if (await emailInUse(sql, opts.person.email)) return { ok: false, field: "email", message: EMAIL_TAKEN };
  const person = { agencyId: opts.agencyId, ...opts.person };

  if (needsApproval(opts.person.role)) {
    const rows = await sql<{ id: number }[]>`
      insert into role_requests (agency_id, full_name, email, job_title, role, requested_by, requested_at)
      values (${opts.agencyId}, ${person.fullName}, ${person.email}, ${person.jobTitle}, ${person.role}, ${opts.addedBy}, ${now})
      on conflict do nothing
      returning id`;
    if (rows.length === 0) return { ok: false, field: "email", message: EMAIL_TAKEN };
    await sendNotice(
      deps.mailer,
      noticeMessage(person, { kind: "role-pending", roleName: roleNames[person.role], agencyName: await agencyName(sql, opts.agencyId) }, now),
    );
    return { ok: true, outcome: "awaiting-approval", requestId: Number(rows[0].id) };
  }

  const created = await sql.begin((tx) => createInvitedPerson(tx as unknown as Sql, { person, createdBy: opts.addedBy, now }));
  if (!created) return { ok: false, field: "email", message: EMAIL_TAKEN };
  const emailSent = await sendInvitation(deps, { person, token: created.token, expiresAt: created.expiresAt, origin: opts.origin });
  return { ok: true, outcome: "invited", userId: created.userId, emailSent };
}
