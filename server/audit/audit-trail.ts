// A trail as its page and its CSV show it (decision 042): the filters checked against the people, agencies and
// cases the partnership has, one page of entries in words, and the keys to the pages either side. The page and the
// CSV both take their rows from here, so a download is what is on screen.
import type { Sql } from "../../db/client";
import { addCalendarDays } from "../../common/calendar-dates";
import { formatDateTime } from "../../common/format";
import type { AuditTrailFilter } from "../../common/forms/audit-trail";
import { auditTrailMessages } from "../../common/forms/audit-trail";
import { instantInEngland } from "../../common/forms/dates";
import type { FieldErrors } from "../../common/forms/form-errors";
import { actionInWords, outcomeInWords } from "./action-words";
import {
  findCaseByReference,
  listAgencies,
  listPeopleInCaseTrail,
  listPeopleInPartnership,
  readAuditTrail,
  type AuditTrailEntry,
  type TrailPerson,
} from "./read-audit-trail";

/** Whose trail: one case's (its people are those in its trail), or the partnership's (everyone's, any case). */
export type TrailScope = { kind: "case"; caseId: number } | { kind: "partnership" };

export const AUDIT_TRAIL_PAGE_SIZE = 100;

export type TrailColumn = { key: "when" | "who" | "agency" | "what" | "outcome" | "address" | "case"; label: string };

export function auditTrailColumns(scope: TrailScope): TrailColumn[] {
  return [
    { key: "when", label: "When (UK time)" },
    { key: "who", label: "Who" },
    { key: "agency", label: "Agency" },
    ...(scope.kind === "partnership" ? [{ key: "case" as const, label: "Case" }] : []),
    { key: "what", label: "What they did" },
    { key: "outcome", label: "Outcome" },
    { key: "address", label: "Address (IP)" },
  ];
}

export type TrailOptions = { people: TrailPerson[]; agencies: { id: string; name: string }[] };

export type TrailView = {
  options: TrailOptions;
  /** Set when a filter names no one, no agency or no case the partnership has: nothing else is read. */
  errors: FieldErrors | null;
  /** The case the entries are of: the scope's, or the one the partnership's case filter named. */
  caseId: number | null;
  columns: TrailColumn[];
  rows: string[][];
  older: string | null;
  newer: string | null;
  /** The key of the page's first entry: its download is this very page, whatever is written after it was shown. */
  first: string | null;
};

/** "30 November 2026 at 9:41:07pm" in England: to the second, as a trail is read. */
export const formatAuditTime = (at: Date): string => formatDateTime(at, { seconds: true });

function cellsOf(entry: AuditTrailEntry, columns: TrailColumn[]): string[] {
  const cell: Record<TrailColumn["key"], string> = {
    when: formatAuditTime(entry.at),
    who: entry.personName ?? "Not signed in",
    agency: entry.agencyName ?? "",
    case: entry.caseReference ?? "",
    what: actionInWords(entry.action),
    outcome: outcomeInWords(entry.outcome),
    address: entry.ip,
  };
  return columns.map((column) => cell[column.key]);
}

/** The choices of a person, an agency and a case, which only the database can say are real. */
export type TrailChoices = Pick<AuditTrailFilter, "personId" | "agencyId" | "caseReference">;

/**
 * What the filters asked for: read by their schema, or not, with the problems it found and the choices it could read,
 * which are checked all the same, so one answer names every problem.
 */
export type TrailAsk = { filter: AuditTrailFilter } | { problems: FieldErrors; choices: TrailChoices };

/**
 * The options the filters offer, the filters checked against them, and the page of entries they ask for. Any problem:
 * the options and the problems only, no entries read.
 */
export async function loadAuditTrailView(sql: Sql, scope: TrailScope, ask: TrailAsk, opts: { pageSize?: number } = {}): Promise<TrailView> {
  const [people, agencies] = await Promise.all([
    scope.kind === "case" ? listPeopleInCaseTrail(sql, scope.caseId) : listPeopleInPartnership(sql),
    listAgencies(sql),
  ]);
  const options = { people, agencies };
  const columns = auditTrailColumns(scope);
  const choices = "filter" in ask ? ask.filter : ask.choices;
  const errors: FieldErrors = {};
  if (choices.personId !== null && !people.some((person) => person.id === choices.personId)) errors.person = auditTrailMessages.person;
  if (choices.agencyId !== null && !agencies.some((agency) => agency.id === choices.agencyId)) errors.agency = auditTrailMessages.agency;
  let caseId = scope.kind === "case" ? scope.caseId : null;
  if (scope.kind === "partnership" && choices.caseReference !== null) {
    caseId = await findCaseByReference(sql, choices.caseReference);
    if (caseId === null) errors.case = auditTrailMessages.caseReference;
  }
  if ("problems" in ask) Object.assign(errors, ask.problems);
  if (Object.keys(errors).length || !("filter" in ask)) return { options, errors, caseId, columns, rows: [], older: null, newer: null, first: null };

  const { filter } = ask;
  const page = await readAuditTrail(
    sql,
    {
      caseId,
      userId: filter.personId,
      agencyId: filter.agencyId,
      fromInstant: filter.from ? instantInEngland(filter.from, "00:00") : null,
      untilInstant: filter.to ? instantInEngland(addCalendarDays(filter.to, 1), "00:00") : null,
    },
    { start: filter.page, pageSize: opts.pageSize ?? AUDIT_TRAIL_PAGE_SIZE },
  );
  return { options, errors: null, caseId, columns, rows: page.entries.map((entry) => cellsOf(entry, columns)), older: page.older, newer: page.newer, first: page.first };
}
