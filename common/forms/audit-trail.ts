// The filters of an audit trail ("Who viewed and changed this record", and the partnership's trail): a person, an
// agency, a case (by its reference, never a child's name) and a range of dates in England, sent by a GET form.
import { z } from "zod";
import { datePartsProblem, isoDate } from "./dates";

export const auditTrailMessages = {
  person: "Choose a person from the list",
  agency: "Choose an agency from the list",
  caseReference: "Enter the reference of a case in the partnership, like SBC-2026-0147",
  toBeforeFrom: "The end date must be the same as or after the start date",
  page: "The page could not be found: start again from the newest entries",
} as const;

const optionalChoice = (pattern: RegExp, message: string) =>
  z
    .string()
    .trim()
    .max(100, message)
    .refine((value) => value === "" || pattern.test(value), message)
    .default("");

const datePart = z.string().trim().max(10).default("");

/**
 * A page of the trail is the entries before (older) or after (newer) one entry, or from one entry on (first: the page
 * as it was shown, for its download), named by its time in microseconds and its id.
 */
const cursor = z.string().trim().default("");
// An id past 18 digits could overflow PostgreSQL's bigint: no entry has one, so such a key is refused as malformed.
const cursorPattern = /^\d{1,17}-\d{1,18}$/;

/**
 * `today`: today's date in England, which no date may pass. The known people, agencies and cases are checked against
 * the database afterwards (./audit-trail.ts's caller), as only it knows them.
 */
export function auditTrailFilterSchema(today: string) {
  return z
    .object({
      person: optionalChoice(/^\d{1,15}$/, auditTrailMessages.person),
      agency: optionalChoice(/^[a-z0-9][a-z0-9-]*$/, auditTrailMessages.agency),
      case: z.string().trim().max(40, auditTrailMessages.caseReference).default(""),
      fromDay: datePart,
      fromMonth: datePart,
      fromYear: datePart,
      toDay: datePart,
      toMonth: datePart,
      toYear: datePart,
      older: cursor,
      newer: cursor,
      first: cursor,
    })
    .superRefine((form, context) => {
      if ([form.older, form.newer, form.first].some((key) => key && !cursorPattern.test(key)))
        context.addIssue({ code: "custom", path: ["form"], message: auditTrailMessages.page });
      const from = { day: form.fromDay, month: form.fromMonth, year: form.fromYear };
      const to = { day: form.toDay, month: form.toMonth, year: form.toYear };
      const example = "27 3 2026";
      const fromProblem = datePartsProblem("Start date", from, { notInFuture: true, example, today });
      const toProblem = datePartsProblem("End date", to, { notInFuture: true, example, today });
      if (fromProblem) context.addIssue({ code: "custom", path: ["fromDay"], message: fromProblem });
      if (toProblem) context.addIssue({ code: "custom", path: ["toDay"], message: toProblem });
      if (fromProblem || toProblem) return;
      const fromDate = isoDate(from.day, from.month, from.year);
      const toDate = isoDate(to.day, to.month, to.year);
      if (fromDate && toDate && toDate < fromDate) context.addIssue({ code: "custom", path: ["toDay"], message: auditTrailMessages.toBeforeFrom });
    })
    .transform((form) => ({
      personId: form.person === "" ? null : Number(form.person),
      agencyId: form.agency === "" ? null : form.agency,
      caseReference: form.case === "" ? null : form.case.toUpperCase(),
      from: isoDate(form.fromDay, form.fromMonth, form.fromYear),
      to: isoDate(form.toDay, form.toMonth, form.toYear),
      page: form.older
        ? { direction: "older" as const, key: form.older }
        : form.newer
          ? { direction: "newer" as const, key: form.newer }
          : form.first
            ? { direction: "first" as const, key: form.first }
            : null,
    }));
}

export type AuditTrailFilter = z.output<ReturnType<typeof auditTrailFilterSchema>>;

/**
 * Of filters that failed their schema, the person, agency and case it found nothing wrong with, as the schema would
 * have read them: so they can be checked against the database too, and every problem named at once.
 */
export function readableChoices(values: Record<string, string>, problems: Record<string, string>) {
  const value = (key: string) => (problems[key] ? "" : (values[key] ?? "").trim());
  const person = value("person");
  const agency = value("agency");
  const reference = value("case");
  return {
    personId: /^\d{1,15}$/.test(person) ? Number(person) : null,
    agencyId: /^[a-z0-9][a-z0-9-]*$/.test(agency) && agency.length <= 100 ? agency : null,
    caseReference: reference && reference.length <= 40 ? reference.toUpperCase() : null,
  };
}

/** The error summary's order: the form's fields as they stand on the page. */
export const auditTrailFieldOrder = ["person", "agency", "case", "fromDay", "toDay", "form"];

/** What a trail's filters add to an address: only the filters, never the page (a new filter starts at the newest). */
export function auditTrailQuery(filter: Omit<AuditTrailFilter, "page">, page?: AuditTrailFilter["page"]): string {
  const params = new URLSearchParams();
  if (filter.personId !== null) params.set("person", String(filter.personId));
  if (filter.agencyId) params.set("agency", filter.agencyId);
  if (filter.caseReference) params.set("case", filter.caseReference);
  const date = (prefix: string, iso: string | null) => {
    if (!iso) return;
    const [year, month, day] = iso.split("-");
    params.set(`${prefix}Day`, String(Number(day)));
    params.set(`${prefix}Month`, String(Number(month)));
    params.set(`${prefix}Year`, year);
  };
  date("from", filter.from);
  date("to", filter.to);
  if (page) params.set(page.direction, page.key);
  const query = params.toString();
  return query ? `?${query}` : "";
}
