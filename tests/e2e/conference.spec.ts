// An initial child protection conference in the browser, on Jayden's case: from the signed-off strategy meeting that
// called for it, the team manager convenes it (Kerry attends), records attendance, the views and the decision (a plan
// is needed: emotional abuse, neglect noted), police and health scale, and sign-off makes the plan. A decision with no
// category is refused with its message. axe passes on every page at desktop width and at 375 px, and nothing is wider
// than a 375 px screen.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, scale, signedInContexts } from "../support/e2e-fixtures";
import { holdStrategyMeetingCallingForConference, postForm } from "../support/e2e-meetings";

const as = signedInContexts();
const NARROW = { width: 375, height: 800 };
const WIDE = { width: 1280, height: 900 };

/** The ids the pages use, read from the convening page's own controls. */
async function idsOf(page: Page, caseId: number) {
  await page.goto(`/cases/${caseId}/meetings/new`);
  const id = async (label: string) => page.getByLabel(label, { exact: true }).getAttribute("value");
  return {
    priya: (await page.getByLabel("Chair").locator("option", { hasText: "Priya Shah" }).getAttribute("value"))!,
    sam: (await id("Sam Okafor, Lead social worker"))!,
    alex: (await id("Alex Morgan, Public protection officer"))!,
    nadia: (await id("Nadia Hussain, Health visitor"))!,
  };
}

async function checkAtBothWidths(page: Page) {
  await expectNoAxeViolations(page);
  await page.setViewportSize(NARROW);
  await expectNoAxeViolations(page);
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widest, `${page.url()} is ${widest} px wide on a 375 px screen`).toBeLessThanOrEqual(NARROW.width);
  await page.setViewportSize(WIDE);
}

test("the team manager runs Jayden's initial conference from the strategy meeting to a plan; axe at desktop and 375 px", async ({ browser }) => {
  test.setTimeout(240_000);
  const chair = await as(browser, "teamManager");
  const police = await as(browser, "police");
  const health = await as(browser, "health");
  await chair.page.setViewportSize(WIDE);

  // The strategy meeting that called for the conference, held and signed off (its own journey is meeting.spec.ts).
  const ids = await idsOf(chair.page, 2);
  const strategy = await postForm(chair.page, "/cases/2/meetings/new", {
    kind: "meeting", heldOnDay: "10", heldOnMonth: "12", heldOnYear: "2026", heldTime: "10:00", how: "video",
    concern: "Jayden's mother was pushed while Jayden was in the room.", chairUserId: ids.priya, invitee: [ids.sam, ids.alex, ids.nadia],
  });
  await holdStrategyMeetingCallingForConference({ chair: chair.page, police: police.page, health: health.page }, strategy, Object.values(ids));

  // Convening, from the strategy meeting's page.
  await chair.page.goto(strategy);
  await chair.page.getByRole("link", { name: "Convene the initial child protection conference" }).click();
  await expect(chair.page.getByRole("heading", { level: 1, name: /Convene the initial child protection conference/ })).toBeVisible();
  await expect(chair.page.getByTestId("conference-due")).toContainText("To be held by 5 January 2027");
  await checkAtBothWidths(chair.page);
  const when = chair.page.getByRole("group", { name: "Date" });
  await when.getByLabel("Day").fill("4");
  await when.getByLabel("Month").fill("1");
  await when.getByLabel("Year").fill("2027");
  await chair.page.getByLabel("Time").fill("10:00");
  await chair.page.getByLabel("In person").check();
  await chair.page.getByLabel("Dr Olu Adeyemi, GP").uncheck();
  await chair.page.getByLabel("Kerry Marsh, Mother").check();
  await chair.page.getByRole("button", { name: "Convene the conference" }).click();
  await expect(chair.page.getByRole("heading", { level: 1, name: /Initial child protection conference, 4 January 2027/ })).toBeVisible();
  const conference = new URL(chair.page.url()).pathname;
  await expect(chair.page.getByTestId("conference-clock")).toContainText("Arranged in time");

  // Attendance: the professionals, and Kerry (a person on the case, not an account).
  for (const name of ["Priya Shah", "Sam Okafor", "Alex Morgan", "Nadia Hussain"]) await chair.page.getByLabel(`Attendance of ${name}`).selectOption("present");
  await chair.page.getByRole("button", { name: "Save attendance" }).click();
  await expect(chair.page.getByRole("alert")).toContainText("Attendance has been saved.");
  await chair.page.getByLabel("Attendance of Kerry Marsh").selectOption("present");
  await chair.page.getByRole("button", { name: "Save the family's attendance" }).click();
  await expect(chair.page.getByTestId("family-attendance")).toContainText("Present");

  // Each attending agency scales; the chair records the views and gives the family's to the family.
  await scale(chair.page, "3", "Kerry has asked Dean to leave.");
  for (const { page } of [police, health]) {
    await page.goto(conference);
    await scale(page, "4", "Some change since the strategy meeting.");
    await expect(page.getByRole("alert")).toContainText("Your agency's scaling has been recorded.");
  }
  await chair.page.getByLabel("What the family said").fill("Kerry says Dean has left and she wants help to keep Jayden safe.");
  await chair.page.getByLabel("The child's views", { exact: true }).fill("Jayden is two; he ran to his grandmother when the shouting started.");
  await chair.page.getByRole("button", { name: "Record the views" }).click();
  await chair.page.getByRole("button", { name: "Give the family's views to the family" }).click();
  await expect(chair.page.getByTestId("family-views-for-family")).toContainText("In the family's minutes");

  // The decision: refused without a category, then recorded.
  const decision = chair.page.locator("form.app-decisions-form");
  await decision.getByRole("group", { name: "Does the child need a child protection plan?" }).getByLabel("Yes").check();
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(chair.page.locator(".govuk-error-summary")).toContainText("Select the primary category of abuse or neglect the plan is for");
  await checkAtBothWidths(chair.page);
  await decision.getByRole("group", { name: "Does the child need a child protection plan?" }).getByLabel("Yes").check();
  await decision.getByRole("group", { name: "If so, the primary category" }).getByLabel("Emotional abuse").check();
  await decision.getByRole("group", { name: "Other categories noted" }).getByLabel("Neglect").check();
  await decision.getByLabel("Lead social worker").selectOption({ label: "Sam Okafor, Social worker" });
  await decision.getByLabel("How often the child is visited").fill("Every 10 working days");
  await decision.getByLabel("How often the child is seen alone").fill("Not at two years old: seen with Kerry at every visit");
  const first = decision.getByRole("group", { name: "The first core group" });
  await first.getByLabel("Day").fill("14");
  await first.getByLabel("Month").fill("1");
  await first.getByLabel("Year").fill("2027");
  const coreGroup = decision.getByRole("group", { name: "The core group" });
  for (const name of ["Sam Okafor", "Alex Morgan", "Nadia Hussain"]) await coreGroup.getByLabel(new RegExp(`^${name}`)).check();
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(chair.page.getByTestId("conference-decision")).toContainText("Emotional abuse (also noted: neglect)");
  await expect(police.page.getByTestId("conference-decision")).toContainText("Emotional abuse", { timeout: 15_000 });
  await checkAtBothWidths(chair.page);

  // Sign-off makes the plan, and every browser sees the record signed off.
  await chair.page.getByRole("button", { name: "Sign off the record" }).click();
  await expect(chair.page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
  await expect(police.page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
  await checkAtBothWidths(police.page);
  await chair.page.getByRole("link", { name: "The plan", exact: true }).click();
  await expect(chair.page.getByTestId("plan-details")).toContainText("Emotional abuse");
  await checkAtBothWidths(chair.page);

  // The minutes, the family's minutes, and what the family receives beside the full record.
  for (const path of [`${conference}/minutes`, `${conference}/minutes/family`, `${conference}/family-version`]) {
    await chair.page.goto(path);
    await checkAtBothWidths(chair.page);
  }
  const family = await (await chair.page.request.get(`${conference}/minutes/family`)).text();
  expect(family).toContain("Kerry says Dean has left");
  expect(family).not.toContain("he ran to his grandmother");
});
