// What a figure counts, as this person may see it (issue 13 item 3; decision 039). A child's name, and a link to
// the case, only where the access policy already lets them read it: for a case, `read:case`; for a contact at the
// front door, screening it (`screen:contact`), being its referrer (`read:referral`), or reading the case its decision
// opened. A partnership manager not on the case sees its reference, agency and dates, and a link to open it for
// oversight by recording why. Everything the policy needs is loaded for the whole list at once (lists may be
// thousands long): one query each for the cases' facts, their references, the contacts and the agencies.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type ReferralResource } from "../access/policy";
import { loadCaseFactsOf } from "../cases/case-facts";
import type { Counted } from "./terms";

export type DrillDownRow = {
  /** "Case SBC-2026-0147", or "Referral 12" for a contact at the front door. */
  reference: string;
  /** Only where the person may read the case or the referral. */
  childName: string | null;
  /** The case (or the referral at the front door, or as its referrer sent it) they may open. */
  caseHref: string | null;
  /** A partnership manager not on the case: where they say why they need to open it. */
  reasonHref: string | null;
  agencyName: string;
  dates: { label: string; date: string }[];
  outcome: string;
  /** Words on the case that explain the outcome (a late conference's reason): only where the person reads the case. */
  caseWords: string | null;
};

type ContactStanding = { referrerUserId: number; state: ReferralResource["state"] };

export async function readDrillDown(sql: Sql, actor: Actor, counted: readonly Counted[], now: Date): Promise<DrillDownRow[]> {
  const caseIds = unique(counted.map((item) => item.caseId));
  const contactIds = unique(counted.map((item) => item.contactId));
  const agencyIds = [...new Set(counted.map((item) => item.agencyId))];
  const [facts, references, contacts, agencies] = await Promise.all([
    loadCaseFactsOf(sql, caseIds, now),
    caseReferences(sql, caseIds),
    contactStandings(sql, contactIds),
    agencyNames(sql, agencyIds),
  ]);
  return counted.map((item) => {
    const caseFacts = item.caseId === null ? undefined : facts.get(item.caseId);
    const seen = whatTheySee(actor, item, caseFacts, item.contactId === null ? undefined : contacts.get(item.contactId));
    const caseReference = item.caseId === null ? undefined : references.get(item.caseId);
    return {
      reference: item.contactId !== null ? `Referral ${item.contactId}` : caseReference ? `Case ${caseReference}` : "Case",
      childName: seen.href ? item.childName : null,
      caseHref: seen.href,
      reasonHref: seen.href === null && caseFacts && can(actor, "open:case-for-oversight", { type: "case", case: caseFacts })
        ? `/cases/${caseFacts.caseId}/oversight-access`
        : null,
      agencyName: agencies.get(item.agencyId) ?? item.agencyId,
      dates: item.dates,
      outcome: item.outcome,
      caseWords: seen.readsCase ? (item.caseWords ?? null) : null,
    };
  });
}

/** Where the person may open what is counted (and so see the child's name there), or null. */
function whatTheySee(
  actor: Actor,
  item: Counted,
  facts: CaseFacts | undefined,
  contact: ContactStanding | undefined,
): { href: string | null; readsCase: boolean } {
  const readsCase = facts !== undefined && can(actor, "read:case", { type: "case", case: facts });
  if (item.contactId !== null && contact) {
    const referral: ReferralResource = { type: "referral", referrerUserId: contact.referrerUserId, state: contact.state };
    if (can(actor, "screen:contact", referral)) return { href: `/front-door/${item.contactId}`, readsCase };
    if (can(actor, "read:referral", referral)) return { href: `/referrals/${item.contactId}`, readsCase };
  }
  return { href: readsCase ? `/cases/${facts.caseId}` : null, readsCase };
}

const unique = (ids: (number | null)[]) => [...new Set(ids.filter((id): id is number => id !== null))];

async function caseReferences(sql: Sql, caseIds: number[]): Promise<Map<number, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await sql<{ id: string; reference: string }[]>`select id, reference from cases where id = any(${caseIds}::bigint[])`;
  return new Map(rows.map((row) => [Number(row.id), row.reference]));
}

async function contactStandings(sql: Sql, contactIds: number[]): Promise<Map<number, ContactStanding>> {
  if (contactIds.length === 0) return new Map();
  const rows = await sql<{ id: string; referrerUserId: string; status: "draft" | "submitted"; decided: boolean }[]>`
    select c.id, c.referrer_user_id as "referrerUserId", c.status,
           exists (select 1 from contact_decisions d where d.contact_id = c.id and d.step = 'authorised') as decided
      from contacts c where c.id = any(${contactIds}::bigint[])`;
  return new Map(
    rows.map((row) => [
      Number(row.id),
      { referrerUserId: Number(row.referrerUserId), state: row.status === "draft" ? "draft" : row.decided ? "decided" : "submitted" },
    ]),
  );
}

async function agencyNames(sql: Sql, agencyIds: string[]): Promise<Map<string, string>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await sql<{ id: string; name: string }[]>`select id, name from agencies where id = any(${agencyIds}::text[])`;
  return new Map(rows.map((row) => [row.id, row.name]));
}
