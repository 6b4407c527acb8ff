import type { Sql } from "../../db/client";
import type { PersonInput } from "../../app/forms/person";
import type { AgencyKind } from "../access/policy";
import { hashPassword } from "../auth/password";

export type AddPersonResult =
  | { ok: true; id: number; temporaryPassword: string }
  | { ok: false; field: "email" | "role"; message: string };

/** Roles that only make sense in one kind of agency. */
export function roleProblem(role: PersonInput["role"], agencyKind: AgencyKind): string | undefined {
  if (role === "partnership_manager" && agencyKind !== "partnership")
    return "Only the safeguarding partnership has partnership managers";
  if (role === "chair" && agencyKind !== "social_care") return "Child protection chairs belong to children's social care";
  return undefined;
}

/** Adds a person with a one-time password, which they must change when they first sign in. */
export async function addPerson(
  sql: Sql,
  opts: { agencyId: string; agencyKind: AgencyKind; person: PersonInput; addedBy: number },
): Promise<AddPersonResult> {
  const problem = roleProblem(opts.person.role, opts.agencyKind);
  if (problem) return { ok: false, field: "role", message: problem };
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const rows = await sql<{ id: number }[]>`
    insert into users (agency_id, role, full_name, job_title, email, password_hash, must_change_password, created_by)
    values (${opts.agencyId}, ${opts.person.role}, ${opts.person.fullName}, ${opts.person.jobTitle},
            ${opts.person.email}, ${passwordHash}, true, ${opts.addedBy})
    on conflict do nothing
    returning id`;
  if (rows.length === 0)
    return { ok: false, field: "email", message: "Someone already uses this email address in the portal" };
  return { ok: true, id: Number(rows[0].id), temporaryPassword };
}

export function generateTemporaryPassword(): string {
  // Four groups of four from an alphabet without look-alikes (no 0/O, 1/l/I).
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join("")).join("-");
}
