// What the oversight pages are asked for (server/oversight/scope.ts): the default range, dates from the form's boxes
// or the pages' own links, and each bad input with its own message and no scope.
import { describe, expect, test } from "vitest";
import { defaultRange, parseScope } from "../../server/oversight/scope";

const agencies = [
  { id: "kestrel-vale-police", name: "Kestrel Vale Police" },
  { id: "larkfield-primary", name: "Larkfield Primary School" },
];
// 30 November 2026, 23:30 in London (GMT): still the 30th.
const now = new Date("2026-11-30T23:30:00Z");
const parse = (query: string, forcedAgencyId: string | null = null) => parseScope(new URLSearchParams(query), { now, agencies, forcedAgencyId });

describe("the oversight scope", () => {
  test("with nothing asked: the 12 months to today, from the first of the month 11 months back, every agency", () => {
    expect(defaultRange("2026-11-30")).toEqual({ from: "2025-12-01", to: "2026-11-30" });
    const answer = parse("");
    expect(answer).toMatchObject({ ok: true, scope: { from: "2025-12-01", to: "2026-11-30", agencyId: null }, query: "from=2025-12-01&to=2026-11-30" });
    expect(answer.values).toMatchObject({ fromDay: "1", fromMonth: "12", fromYear: "2025", toDay: "30", toMonth: "11", toYear: "2026" });
  });

  test("the form's boxes and the links' ISO dates read the same; an agency of the partnership is one agency's part", () => {
    const boxes = parse("fromDay=1&fromMonth=4&fromYear=2026&toDay=31&toMonth=10&toYear=2026&agency=larkfield-primary");
    const link = parse("from=2026-04-01&to=2026-10-31&agency=larkfield-primary");
    for (const answer of [boxes, link]) expect(answer).toMatchObject({ ok: true, scope: { from: "2026-04-01", to: "2026-10-31", agencyId: "larkfield-primary" } });
  });

  test("an agency's manager is held to their own agency, and their links do not name it", () => {
    expect(parse("from=2026-04-01", "kestrel-vale-police")).toMatchObject({ ok: true, scope: { agencyId: "kestrel-vale-police" }, query: "from=2026-04-01&to=2026-11-30" });
  });

  test.each([
    ["a range ending before it starts", "from=2026-06-01&to=2026-05-31", "toDay", "End date must be the same as or after the start date"],
    ["a range ending in the future", "to=2026-12-01", "toDay", "End date must be today or in the past"],
    ["a date that is not real", "fromDay=29&fromMonth=2&fromYear=2026", "fromDay", "Start date must be a real date, like 1 4 2026"],
    ["half a date", "toDay=1&toMonth=&toYear=2026", "toDay", "End date must include a day, month and year"],
    ["an address date that is not one", "from=2026-02-30", "fromDay", "Start date must be a real date, like 1 4 2026"],
    ["a range of more than 10 years", "from=2016-11-29", "fromDay", "Start date must be no more than 10 years before the end date"],
    ["an agency the partnership does not have", "agency=no-such-agency", "agency", "Select an agency from the list, or all agencies"],
  ])("%s: its message and no scope", (_name, query, field, message) => {
    const answer = parse(query);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.errors[field]).toBe(message);
  });
});
