// Who may be asked to a strategy meeting or a conference, and who must be: the checks every convening form makes on
// the people it invites and the date it is held, each as the words the person reads.
import { coveredYears } from "../calendar/working-days";
import type { FrontSheet } from "../cases/get-front-sheet";

/** Strategy discussions and conferences need at least these agencies (Working Together). */
const requiredKinds = [
  { kind: "social_care", name: "children's social care" },
  { kind: "police", name: "the police" },
  { kind: "health", name: "health" },
] as const;

/** Who may chair: the case's social care child protection chairs and team managers (by their role, not their title). */
export function chairsOf(sheet: FrontSheet) {
  const socialCare = new Set(sheet.agencies.filter((a) => a.kind === "social_care").map((a) => a.id));
  return sheet.members
    .filter((m) => m.active && socialCare.has(m.agencyId) && (m.role === "chair" || m.role === "manager"))
    .map((m) => ({ userId: m.userId, label: `${m.fullName}, ${m.roleOnCase}` }));
}

/** The professionals who may be invited: those working on the case now. */
export function inviteesOf(sheet: FrontSheet) {
  return sheet.members
    .filter((m) => m.active)
    .map((m) => ({ userId: m.userId, fullName: m.fullName, roleOnCase: m.roleOnCase, agencyId: m.agencyId, agencyName: m.agencyName }));
}

/** The setting the child attends (the school recorded for them), if any: education must then come to a conference. */
export function settingOf(sheet: FrontSheet): string | null {
  return sheet.child?.school.trim() || null;
}

/** Why these invitees will not do, or null: only people on the case, and every agency that must take part. */
export function inviteeProblem(sheet: FrontSheet, invited: readonly number[], { education }: { education: string | null }): string | null {
  const members = new Map(sheet.members.filter((m) => m.active).map((m) => [m.userId, m]));
  if (invited.some((id) => !members.has(id))) return "Invite only professionals working on this case";
  const kinds = new Set(invited.map((id) => sheet.agencies.find((a) => a.id === members.get(id)!.agencyId)?.kind));
  const missing = requiredKinds.filter((required) => !kinds.has(required.kind));
  const needsSchool = education !== null && !kinds.has("education");
  if (!missing.length && !needsSchool) return null;
  const names = [...missing.map((m) => m.name), ...(needsSchool ? ["education"] : [])];
  return needsSchool
    ? `Invite someone from ${names.join(" and ")}: children's social care, the police and health must all take part, and education because the child attends ${education}`
    : `Invite someone from ${names.join(" and ")}: children's social care, the police and health must all take part`;
}

/** Why the date cannot be counted, or null: the clocks count working days over the bank holidays shipped. */
export function heldOnProblem(heldOn: string): string | null {
  const year = Number(heldOn.slice(0, 4));
  return year < coveredYears.first || year > coveredYears.last
    ? `Date must be in ${coveredYears.first} to ${coveredYears.last}, the years whose bank holidays the portal knows`
    : null;
}
