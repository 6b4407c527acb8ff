// Re-referrals within 12 months (issue 13 item 1; decisions 035, 040): of the children on the referrals sent in the
// scope, the share who were on an earlier referral sent within the 12 calendar months before, by the front door's own
// rule (server/referrals/re-referrals.ts), asked once for every referral in the scope.
import { findReReferrals } from "../../referrals/re-referrals";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { agencyNames, englandDate, percent, scopeInstants, shareByMonth } from "./scope-figures";

type ReferredChild = {
  contactId: number;
  childName: string;
  agencyId: string;
  caseId: number | null;
  sentAt: Date;
  /** The latest earlier referral that makes this one a re-referral; null: not a re-referral. */
  earlier: { contactId: number; sentAt: Date } | null;
};

/** Every child on a referral sent in the scope, and whether they were referred in the 12 months before. */
async function referredChildren(context: MeasureContext, scope: OversightScope): Promise<ReferredChild[]> {
  const { sql } = context;
  const { starts, ends } = scopeInstants(scope);
  const agency = scope.agencyId;
  const rows = await sql<{ contact_id: string; full_name: string; agency_id: string; case_id: string | null; submitted_at: Date }[]>`
    select ch.contact_id, ch.full_name, c.referrer_agency_id as agency_id, d.case_id, c.submitted_at
      from contacts c join contact_children ch on ch.contact_id = c.id
      left join contact_decisions d on d.contact_id = c.id and d.step = 'authorised'
     where c.status = 'submitted' and c.submitted_at >= ${starts} and c.submitted_at < ${ends}
       and (${agency}::text is null or c.referrer_agency_id = ${agency})
     order by c.submitted_at, c.id, ch.id`;
  const reReferrals = await findReReferrals(sql, [...new Set(rows.map((row) => Number(row.contact_id)))]);
  return rows.map((row) => {
    const contactId = Number(row.contact_id);
    // findReReferrals lists the latest earlier referral first.
    const earlier = (reReferrals.get(contactId) ?? []).find((entry) => entry.childName === row.full_name);
    return {
      contactId,
      childName: row.full_name,
      agencyId: row.agency_id,
      caseId: row.case_id === null ? null : Number(row.case_id),
      sentAt: row.submitted_at,
      earlier: earlier ? { contactId: earlier.earlierContactId, sentAt: earlier.earlierSubmittedAt } : null,
    };
  });
}

const definition =
  "Of the children on referrals sent in these dates (each child on a referral counted once), the share who were on an " +
  "earlier referral sent within the 12 calendar months before, the same child by NHS number or by name and date of " +
  "birth: the front door's own re-referral rule. Published national figures count re-referrals to children's social " +
  "care, not referrals into the front door, so none is shown beside this one. For one agency: the referrals it sent.";

export const reReferrals: MeasureModule = {
  id: "re-referrals",
  async read(context, scope) {
    const children = await referredChildren(context, scope);
    const names = await agencyNames(context.sql);
    const numerator = children.filter((child) => child.earlier).length;
    const agencies = [...new Set(children.map((child) => child.agencyId))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
    return {
      id: "re-referrals",
      group: "front-door",
      title: "Re-referrals within 12 months",
      definition,
      headline: { value: percent(numerator, children.length), format: "percent", numerator, denominator: children.length },
      trend: {
        label: "Re-referrals, by month the referral was sent",
        format: "percent",
        points: shareByMonth(scope, children.map((child) => ({ month: englandDate(child.sentAt).slice(0, 7), counts: child.earlier !== null }))),
      },
      table: {
        caption: "Children referred and re-referred within 12 months, by the agency that referred",
        columns: [
          { key: "agency", label: "Agency that referred", format: "text" },
          { key: "children", label: "Children referred", format: "count" },
          { key: "reReferred", label: "Re-referred within 12 months", format: "count" },
          { key: "percent", label: "Re-referred (%)", format: "percent" },
        ],
        rows: agencies.map((agencyId) => {
          const referred = children.filter((child) => child.agencyId === agencyId);
          const again = referred.filter((child) => child.earlier).length;
          return {
            key: agencyId,
            cells: { agency: names.get(agencyId) ?? agencyId, children: referred.length, reReferred: again, percent: percent(again, referred.length) },
          };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const children = await referredChildren(context, scope);
    return children
      .filter((child) => rowKey === null || child.agencyId === rowKey)
      .map(
        (child): Counted => ({
          caseId: child.caseId,
          contactId: child.contactId,
          childName: child.childName,
          agencyId: child.agencyId,
          dates: [
            { label: "Referred", date: englandDate(child.sentAt) },
            ...(child.earlier ? [{ label: "Referred before", date: englandDate(child.earlier.sentAt) }] : []),
          ],
          outcome: child.earlier ? `Re-referral: referred before in R-${child.earlier.contactId}` : "Not referred in the 12 months before",
        }),
      );
  },
};
