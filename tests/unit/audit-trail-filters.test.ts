// The audit trail's filters as a manager types them: dates in England, a range that must make sense, and the address
// a page's links carry them in.
import { describe, expect, test } from "vitest";
import { auditTrailFilterSchema, auditTrailQuery } from "../../common/forms/audit-trail";
import { actionInWords, outcomeInWords } from "../../server/audit/action-words";

const schema = auditTrailFilterSchema("2026-11-30");
const parse = (values: Record<string, string>) => schema.safeParse(values);
const messages = (values: Record<string, string>) => {
  const result = parse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
};

describe("the filters", () => {
  test("none: everything, from the newest", () => {
    expect(parse({}).data).toEqual({ personId: null, agencyId: null, caseReference: null, from: null, to: null, page: null });
  });

  test("a person, an agency, a case reference in any case, and a range of days", () => {
    const values = { person: "12", agency: "kestrel-vale-police", case: " sbc-2026-0147 ", fromDay: "1", fromMonth: "6", fromYear: "2026", toDay: "30", toMonth: "11", toYear: "2026" };
    expect(parse(values).data).toEqual({ personId: 12, agencyId: "kestrel-vale-police", caseReference: "SBC-2026-0147", from: "2026-06-01", to: "2026-11-30", page: null });
  });

  test("a range ending before it starts, or in the future, or a date that is not real", () => {
    expect(messages({ fromDay: "2", fromMonth: "6", fromYear: "2026", toDay: "1", toMonth: "6", toYear: "2026" })).toEqual({
      toDay: "The end date must be the same as or after the start date",
    });
    expect(messages({ toDay: "1", toMonth: "12", toYear: "2026" })).toEqual({ toDay: "End date must be today or in the past" });
    expect(messages({ fromDay: "1", fromMonth: "12", fromYear: "2026" })).toEqual({ fromDay: "Start date must be today or in the past" });
    expect(messages({ fromDay: "30", fromMonth: "2", fromYear: "2026" })).toEqual({ fromDay: "Start date must be a real date, like 27 3 2026" });
    expect(messages({ toDay: "1", toMonth: "", toYear: "2026" })).toEqual({ toDay: "End date must include a day, month and year" });
  });

  test("a person or agency that could not be one, and a page key the portal did not make", () => {
    expect(messages({ person: "Nadia" })).toEqual({ person: "Choose a person from the list" });
    expect(messages({ agency: "<script>" })).toEqual({ agency: "Choose an agency from the list" });
    expect(messages({ older: "1'; drop table audit_events" })).toEqual({ form: "The page could not be found: start again from the newest entries" });
    expect(messages({ first: "../../etc" })).toEqual({ form: "The page could not be found: start again from the newest entries" });
    // An id past what the database's numbers hold is refused here, not left to fail in the query.
    expect(messages({ older: "1-9999999999999999999" })).toEqual({ form: "The page could not be found: start again from the newest entries" });
    expect(messages({ newer: "1-9223372036854775808" })).toEqual({ form: "The page could not be found: start again from the newest entries" });
    expect(parse({ first: "1780000000000000-42" }).data?.page).toEqual({ direction: "first", key: "1780000000000000-42" });
  });

  test("the address of a page carries the filters as typed, and where the page starts", () => {
    const filter = parse({ person: "12", case: "sbc-2026-0147", fromDay: "01", fromMonth: "06", fromYear: "2026" }).data!;
    expect(auditTrailQuery(filter)).toBe("?person=12&case=SBC-2026-0147&fromDay=1&fromMonth=6&fromYear=2026");
    expect(auditTrailQuery(filter, { direction: "older", key: "1780000000000000-42" })).toBe(
      "?person=12&case=SBC-2026-0147&fromDay=1&fromMonth=6&fromYear=2026&older=1780000000000000-42",
    );
    expect(parse(Object.fromEntries(new URLSearchParams(auditTrailQuery(filter)))).data).toEqual(filter);
  });
});

describe("the trail in words", () => {
  test("known actions and outcomes in words; an unknown code as recorded", () => {
    expect(actionInWords("view:case")).toBe("Viewed the case");
    expect(actionInWords("sign-in")).toBe("Signed in");
    expect(actionInWords("share:record")).toBe("Shared a restricted record");
    expect(actionInWords("teleport:case")).toBe("teleport:case");
    expect(actionInWords("constructor")).toBe("constructor");
    expect(outcomeInWords("denied")).toBe("Refused");
  });
});
