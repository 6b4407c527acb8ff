// The guard and loader every audit trail page and download shares (decision 042): who may read the trail (the
// policy's read:audit, on the case or on the partnership), the filters parsed from the address, the page of entries,
// and the audit of the reading itself. A refusal is a 404 with an audit row, as for a thing that does not exist.
import type { AppLoadContext } from "@remix-run/node";
import { can, type Resource } from "../../server/access/policy";
import { loadAuditTrailView, type TrailScope, type TrailView } from "../../server/audit/audit-trail";
import { caseReference } from "../../server/audit/read-audit-trail";
import { loadCaseFacts } from "../../server/cases/case-facts";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { csvResponse, toCsv } from "../../server/oversight/csv";
import { auditTrailFilterSchema, auditTrailQuery, readableChoices, type AuditTrailFilter } from "../../common/forms/audit-trail";
import { todayInEngland } from "../../common/forms/dates";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { requireRecentConfirmation, requireUser, type SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";

export type TrailRequest = { page: "page" | "csv"; caseId?: string };

export type TrailAnswer = TrailView & {
  signedIn: SignedIn;
  scope: TrailScope;
  /** The filters as sent, to fill the form again. */
  values: Record<string, string>;
  /** The filters once parsed; null when they were not (errors says why). */
  filter: AuditTrailFilter | null;
  /** The case's reference, and the child's name only for someone who may read the case itself. */
  caseCaption: { reference: string; childName: string | null } | null;
};

const searchForm = (url: URL) => {
  const form = new FormData();
  for (const [key, value] of url.searchParams) form.append(key, value);
  return form;
};

/**
 * The trail the address asks for, if this person may read it: a case's (`caseId`) or the partnership's. Refused: 404
 * and a denied audit row naming the page or the download. Read: an audit row of what was asked for and how many
 * entries were shown.
 */
export async function requireAuditTrail(request: Request, context: AppLoadContext, asked: TrailRequest): Promise<TrailAnswer> {
  const signedIn = await requireUser(request, context);
  const { sql, clock } = context.services;
  const action = asked.page === "csv" ? "export:audit" : "read:audit";
  let scope: TrailScope = { kind: "partnership" };
  let resource: Resource | null = { type: "partnership" };
  let target = asked.page === "csv" ? "audit-trail:partnership.csv" : "audit-trail:partnership";
  let caseId: number | null = null;
  if (asked.caseId !== undefined) {
    const raw = asked.caseId;
    caseId = /^\d{1,15}$/.test(raw) ? Number(raw) : null;
    const facts = caseId !== null ? await loadCaseFacts(sql, caseId, clock()) : null;
    resource = facts ? { type: "case", case: facts } : null;
    scope = { kind: "case", caseId: caseId ?? 0 };
    target = `audit-trail:case:${raw.slice(0, 40)}${asked.page === "csv" ? ".csv" : ""}`;
    if (!facts) caseId = null;
  }
  if (!resource || !can(signedIn.actor, "read:audit", resource)) {
    await audit(context, signedIn, { action, outcome: "denied", caseId, target, details: resource ? {} : { reason: "no such case" } });
    throw notFound();
  }
  // Exporting is one of the most sensitive actions: the person proves it is them first (decision 056).
  if (asked.page === "csv") requireRecentConfirmation(request, context, signedIn);

  const caseCaption = caseId === null ? null : await captionOf(context, signedIn, resource, caseId);
  const url = new URL(request.url);
  const parsed = parseForm(auditTrailFilterSchema(todayInEngland(clock())), searchForm(url));
  const filter = parsed.success ? parsed.data : null;
  // Filters that could not be read read no entries: only the choices the form offers, and every problem named.
  const view = await loadAuditTrailView(
    sql,
    scope,
    parsed.success ? { filter: parsed.data } : { problems: parsed.errors, choices: readableChoices(parsed.values, parsed.errors) },
  );
  const errors: FieldErrors | null = view.errors;
  const answer: TrailAnswer = { ...view, errors, signedIn, scope, values: valuesOf(url), filter: errors ? null : filter, caseCaption };
  // Reading the partnership's trail of one case is in that case's trail too, where its managers see it.
  await audit(context, signedIn, {
    action,
    outcome: errors ? "failure" : "success",
    caseId: caseId ?? view.caseId,
    target,
    details: errors
      ? { problems: Object.keys(errors) }
      : { filters: { person: filter!.personId, agency: filter!.agencyId, case: filter!.caseReference, from: filter!.from, to: filter!.to }, entries: answer.rows.length },
  });
  return answer;
}

/** The filters sent, each as it was typed, to fill the form again. */
function valuesOf(url: URL): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in values)) values[key] = value.slice(0, 100);
  return values;
}

async function captionOf(context: AppLoadContext, signedIn: SignedIn, resource: Resource, caseId: number) {
  const { sql } = context.services;
  const readsCase = resource.type === "case" && can(signedIn.actor, "read:case", resource);
  if (readsCase) {
    const sheet = await getFrontSheet(sql, caseId);
    return { reference: sheet?.reference ?? "", childName: sheet?.child?.fullName ?? null };
  }
  return { reference: (await caseReference(sql, caseId)) ?? "", childName: null };
}

/** What the page shows of a trail: its filters, entries and the addresses of its download and pages either side. */
export function auditTrailPageData(answer: TrailAnswer, paths: { path: string; csvPath: string }) {
  const { filter } = answer;
  const query = filter ? auditTrailQuery(filter) : "";
  return {
    ...paths,
    query,
    // The download of exactly what is on screen: from this page's first entry, whatever is written after it.
    pageQuery: filter ? auditTrailQuery(filter, answer.first ? { direction: "first", key: answer.first } : filter.page) : "",
    olderQuery: filter && answer.older ? auditTrailQuery(filter, { direction: "older", key: answer.older }) : null,
    newerQuery: filter && answer.newer ? auditTrailQuery(filter, { direction: "newer", key: answer.newer }) : null,
    values: answer.values,
    errors: answer.errors,
    withCaseFilter: answer.scope.kind === "partnership",
    people: answer.options.people,
    agencies: answer.options.agencies,
    columns: answer.columns.map(({ label }) => ({ label })),
    rows: answer.rows,
  };
}

/** The download of what the page shows: the same columns and rows, or 400 with the problems for filters not read. */
export function auditTrailCsv(answer: TrailAnswer, fileName: string): Response {
  if (answer.errors)
    return new Response(`There is a problem with the filters: ${Object.values(answer.errors).join("; ")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return csvResponse(fileName, toCsv(answer.columns, answer.rows));
}
