// Adding family and network members to a case: social care on the case may; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let socialWorker: string;
beforeAll(async () => {
  server = await startTestServer();
  socialWorker = await server.signIn("socialWorker");
});
afterAll(async () => {
  await server?.close();
});

const peopleOnCase = async (caseId: number) =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from case_people where case_id = ${caseId}`)[0].count;

const aunt = { kind: "family", fullName: "Sophie Marsh", relationship: "Maternal aunt", dobDay: "3", dobMonth: "11", dobYear: "1994", nhsNumber: "999 000 0034", parentalResponsibility: "no", address: "2 Harbour Walk, Sandmere SM2 0ZZ", school: "" };

describe("bad input gets a clear message and changes nothing", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["an NHS number failing the modulus-11 check", { ...aunt, nhsNumber: "9990000019" }, "Enter a valid NHS number"],
    ["an NHS number of 9 digits", { ...aunt, nhsNumber: "999000001" }, "Enter a valid NHS number"],
    ["no name", { ...aunt, fullName: "  " }, "Enter the person's full name"],
    ["no relationship for a family member", { ...aunt, relationship: "" }, "Enter their relationship to the child"],
    ["a date that does not exist", { ...aunt, dobDay: "31", dobMonth: "2", dobYear: "2001" }, "Date of birth must be a real date"],
    ["a date in the future", { ...aunt, dobDay: "1", dobMonth: "1", dobYear: "2999" }, "Date of birth must be today or in the past"],
    ["no kind", { ...aunt, kind: "" }, "Select whether this is a child"],
    ["10 KB of address", { ...aunt, address: "x".repeat(10_240) }, "Address must be 500 characters or fewer"],
  ];
  test.each(cases)("%s", async (_name, form, message) => {
    const before = await peopleOnCase(1);
    const response = await server.post("/cases/1/people/new", form, socialWorker);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("There is a problem");
    expect(text).toContain(message);
    expect(await peopleOnCase(1)).toBe(before);
  });

  test("what was typed is kept in the form, so nothing has to be typed again", async () => {
    const response = await server.post("/cases/1/people/new", { ...aunt, nhsNumber: "9990000019" }, socialWorker);
    const html = await response.text();
    expect(html).toContain('value="Sophie Marsh"');
    expect(html).toContain('value="2 Harbour Walk, Sandmere SM2 0ZZ"');
  });
});

describe("adding a person", () => {
  test("the lead social worker adds an aunt, who then appears on the front sheet; the change is audited", async () => {
    const response = await server.post("/cases/1/people/new", aunt, socialWorker);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/cases/1#people");
    const text = mainText(await (await server.get("/cases/1", socialWorker)).text());
    expect(text).toContain("Sophie Marsh");
    expect(text).toContain("Maternal aunt");
    expect(text).toContain("999 000 0034");
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'add:case-person' and case_id = 1 and outcome = 'success'`;
    expect(audit.count).toBe(1);
  });

  test("a police officer on the case may read it but not change its people (403, audited)", async () => {
    const police = await server.signIn("police");
    const before = await peopleOnCase(1);
    expect((await server.get("/cases/1/people/new", police)).status).toBe(403);
    expect((await server.post("/cases/1/people/new", { ...aunt, fullName: "Someone Else" }, police)).status).toBe(403);
    expect(await peopleOnCase(1)).toBe(before);
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'edit:case' and outcome = 'denied' and case_id = 1`;
    expect(audit.count).toBe(2);
  });

  test("someone not on the case gets the 404, not a hint that it exists", async () => {
    const education = await server.signIn("education");
    expect((await server.post("/cases/2/people/new", aunt, education)).status).toBe(404);
  });

  test("the front sheet offers the button only to those who may use it", async () => {
    const police = await server.signIn("police");
    expect(await (await server.get("/cases/1", socialWorker)).text()).toContain("Add a family or network member");
    expect(await (await server.get("/cases/1", police)).text()).not.toContain("Add a family or network member");
  });
});
