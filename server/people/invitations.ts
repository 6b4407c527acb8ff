// Inviting a person: they are created without a password and sent a single-use link to choose their own. Nobody else
// ever sees the link or the password.
import type { Sql } from "../../db/client";
import { roleNames, type Role } from "../access/policy";
import { createAccountLink, linkPath, type LinkPurpose } from "../auth/account-links";
import { invitationMessage, resetMessage, sendNotice } from "../mail/account-mail";
import type { Mailer } from "../mail/mailer";

export type MailDeps = { sql: Sql; mailer: Mailer; now: Date };

export type NewPerson = { agencyId: string; fullName: string; email: string; jobTitle: string; role: Role };

/** Creates the person with no password and an invitation link, inside the caller's transaction; null if the email is taken. */
export async function createInvitedPerson(
  tx: Sql,
  opts: { person: NewPerson; createdBy: number; now: Date },
): Promise<{ userId: number; token: string; expiresAt: Date } | null> {
  const { person } = opts;
  const rows = await tx<{ id: number }[]>`
    insert into users (agency_id, role, full_name, job_title, email, password_hash, created_by)
    values (${person.agencyId}, ${person.role}, ${person.fullName}, ${person.jobTitle}, ${person.email}, '', ${opts.createdBy})
    on conflict do nothing
    returning id`;
  if (rows.length === 0) return null;
  const userId = Number(rows[0].id);
  const link = await createAccountLink(tx, { userId, purpose: "invitation", createdBy: opts.createdBy, now: opts.now });
  return { userId, ...link };
}

export async function agencyName(sql: Sql, agencyId: string): Promise<string> {
  const [row] = await sql<{ name: string }[]>`select name from agencies where id = ${agencyId}`;
  return row?.name ?? "";
}

/** Sends the invitation; false (logged) when the mail server refused it, so the administrator can send a new one. */
export async function sendInvitation(
  deps: MailDeps,
  opts: { person: NewPerson; token: string; expiresAt: Date; origin: string },
): Promise<boolean> {
  const message = invitationMessage(
    { fullName: opts.person.fullName, email: opts.person.email, agencyName: await agencyName(deps.sql, opts.person.agencyId), roleName: roleNames[opts.person.role] },
    `${opts.origin}${linkPath(opts.token)}`,
    opts.expiresAt,
  );
  return sendNotice(deps.mailer, message);
}

/**
 * A new link for someone of the agency who has no password yet (invited, or reset by an administrator): an invitation
 * if they have never had a password, a reset otherwise. Older links stop working.
 */
export async function sendNewLink(
  deps: MailDeps,
  opts: { userId: number; agencyId: string; by: number; origin: string },
): Promise<{ email: string; fullName: string; purpose: LinkPurpose; emailSent: boolean } | null> {
  const made = await deps.sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [person] = await t<(NewPerson & { neverSignedIn: boolean })[]>`
      select agency_id as "agencyId", full_name as "fullName", email, job_title as "jobTitle", role,
             not exists (select 1 from account_links l where l.user_id = u.id and l.used_at is not null)
               and created_by is not null as "neverSignedIn"
      from users u where id = ${opts.userId} and agency_id = ${opts.agencyId} and active and password_hash = ''`;
    if (!person) return null;
    const purpose: LinkPurpose = person.neverSignedIn ? "invitation" : "reset";
    const link = await createAccountLink(t, { userId: opts.userId, purpose, createdBy: opts.by, now: deps.now });
    return { person, purpose, ...link };
  });
  if (!made) return null;
  const link = `${opts.origin}${linkPath(made.token)}`;
  const emailSent =
    made.purpose === "invitation"
      ? await sendInvitation(deps, { person: made.person, token: made.token, expiresAt: made.expiresAt, origin: opts.origin })
      : await sendNotice(deps.mailer, resetMessage(made.person, link, made.expiresAt, true));
  return { email: made.person.email, fullName: made.person.fullName, purpose: made.purpose, emailSent };
}
