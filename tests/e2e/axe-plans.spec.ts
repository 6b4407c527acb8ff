// Every page that conferences, plans and core groups added, checked by axe at desktop width and on a 375 px screen,
// where nothing may be wider than the screen (WCAG 1.4.10 reflow); the print pages (minutes, the family's minutes and
// a core group's notes) also as printed. The data is made here, through the pages' own forms: on Lily's case, a
// strategy meeting that calls for a conference, its initial conference (no plan needed: Lily's plan already stands),
// and a core group of her plan; nothing depends on the seed's meetings.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, scale, signedInContexts } from "../support/e2e-fixtures";
import { holdStrategyMeetingCallingForConference, postForm } from "../support/e2e-meetings";

const as = signedInContexts();
const NARROW = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 900 };

/** The day `days` after today in England: its date as ISO and as the three boxes of a date. */
function dayFromToday(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000);
  return { iso: date.toISOString().slice(0, 10), day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}

/** Waits for the page to settle: its heading, and every live editor connected (or read-only). */
async function settled(page: Page) {
  await expect(page.locator("h1")).toBeVisible();
  await expect(page.getByTestId("live-notes-status").filter({ hasText: "Connecting" })).toHaveCount(0, { timeout: 15_000 });
}

/** axe at desktop width; then at 375 px, axe again and nothing wider than the screen. */
async function passesAtBothWidths(page: Page, path: string) {
  await page.setViewportSize(DESKTOP);
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await settled(page);
  await expectNoAxeViolations(page);
  await page.setViewportSize(NARROW);
  await settled(page);
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widest, `${path} is ${widest} px wide on a ${NARROW.width} px screen`).toBeLessThanOrEqual(NARROW.width);
  await expectNoAxeViolations(page);
  await page.setViewportSize(DESKTOP);
}

/** A page for printing: as above, and as printed. */
async function printPasses(page: Page, path: string) {
  await passesAtBothWidths(page, path);
  await page.emulateMedia({ media: "print" });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: "screen" });
}

/** The ids the convening page offers, read from its own controls. */
async function idsOn(page: Page) {
  await page.goto("/cases/1/meetings/new");
  const id = async (label: string) => (await page.getByLabel(label, { exact: true }).getAttribute("value"))!;
  return {
    helen: (await page.getByLabel("Chair").locator("option", { hasText: "Helen Ward" }).getAttribute("value"))!,
    sam: await id("Sam Okafor, Lead social worker"),
    alex: await id("Alex Morgan, Public protection officer"),
    nadia: await id("Nadia Hussain, Health visitor"),
    emma: await id("Emma Clarke, Designated safeguarding lead"),
  };
}

test("the plan, its history and earlier days, and a core group from scheduling to its signed-off notes", async ({ browser }) => {
  test.setTimeout(480_000);
  const lead = await as(browser, "socialWorker");
  const police = await as(browser, "police");

  // The plan, for the lead social worker (who may change it) and for the police (who read it).
  await passesAtBothWidths(lead.page, "/cases/1/plan");
  await passesAtBothWidths(police.page, "/cases/1/plan");
  await lead.page.goto("/cases/1/plan");
  const outcome = await lead.page.locator('a[href*="/plan/outcomes/"]').first().getAttribute("href");
  const action = await lead.page.locator('a[href*="/plan/actions/"]').first().getAttribute("href");
  expect(outcome && action).toBeTruthy();
  // Each change form, as offered and then refused, so its error summary is checked too.
  await passesAtBothWidths(lead.page, outcome!);
  await lead.page.getByLabel("What must change for the child").fill("");
  await lead.page.getByRole("button", { name: "Save the outcome" }).click();
  await expect(lead.page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoAxeViolations(lead.page);
  await passesAtBothWidths(lead.page, action!);
  await lead.page.getByLabel("By when", { exact: true }).fill("ongoing");
  await lead.page.getByRole("button", { name: "Save the action" }).click();
  await expect(lead.page.locator(".govuk-error-summary")).toContainText('"Ongoing" is not a date');
  await expectNoAxeViolations(lead.page);
  await lead.page.setViewportSize(NARROW);
  expect(await lead.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROW.width);
  await lead.page.setViewportSize(DESKTOP);

  // The plan as it stood on an earlier day, and the contingency plan's history.
  await passesAtBothWidths(police.page, `/cases/1/plan?at=${dayFromToday(-1).iso}`);
  await passesAtBothWidths(police.page, "/cases/1/plan/history");
  const earlier = police.page.getByRole("link", { name: /^View the contingency plan as it stood/ });
  if (await earlier.count()) await passesAtBothWidths(police.page, (await earlier.first().getAttribute("href"))!.replace(/^\?/, "/cases/1/plan/history?"));

  // A core group: scheduled for today, with everyone the form offers.
  await passesAtBothWidths(lead.page, "/cases/1/core-groups/new");
  const today = dayFromToday(0);
  const date = lead.page.getByRole("group", { name: "Date" });
  await date.getByLabel("Day").fill(today.day);
  await date.getByLabel("Month").fill(today.month);
  await date.getByLabel("Year").fill(today.year);
  await lead.page.getByLabel("Time").fill("10:00");
  await lead.page.getByLabel("Video call").check();
  await lead.page.getByRole("button", { name: "Schedule the core group" }).click();
  await expect(lead.page).toHaveURL(/\/cases\/1\/core-groups\/\d+$/);
  const coreGroup = new URL(lead.page.url()).pathname;
  await passesAtBothWidths(lead.page, coreGroup);
  await passesAtBothWidths(police.page, coreGroup);
  // Its notes, in both versions, before sign-off.
  for (const version of ["full", "family"]) await printPasses(lead.page, `${coreGroup}/notes/${version}`);

  // Attendance, sign-off; the page, and both versions of the signed-off notes.
  await lead.page.goto(coreGroup);
  for (const select of await lead.page.getByLabel(/^Attendance of /).all()) await select.selectOption("present");
  await lead.page.getByRole("button", { name: "Save attendance" }).click();
  await expect(lead.page.getByRole("alert")).toContainText("saved");
  await lead.page.getByRole("button", { name: "Sign off the notes" }).click();
  await expect(lead.page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
  await passesAtBothWidths(lead.page, coreGroup);
  await passesAtBothWidths(police.page, coreGroup);
  for (const version of ["full", "family"]) await printPasses(lead.page, `${coreGroup}/notes/${version}`);
  // The notes' history.
  await passesAtBothWidths(police.page, `${coreGroup}/history`);
});

test("a strategy meeting, its initial conference, the family's versions and minutes, and the new review's form", async ({ browser }) => {
  test.setTimeout(480_000);
  const chair = await as(browser, "chair");
  const police = await as(browser, "police");
  const health = await as(browser, "health");
  const ids = await idsOn(chair.page);
  const today = dayFromToday(0);

  // The strategy meeting that calls for the conference: its family version while open, then signed off, its minutes.
  const strategy = await postForm(chair.page, "/cases/1/meetings/new", {
    kind: "meeting", heldOnDay: today.day, heldOnMonth: today.month, heldOnYear: today.year, heldTime: "09:00", how: "video",
    concern: "Lily said Dean threw a plate at her mother.", chairUserId: ids.helen, invitee: [ids.sam, ids.alex, ids.nadia],
  });
  await passesAtBothWidths(chair.page, `${strategy}/family-version`);
  await holdStrategyMeetingCallingForConference({ chair: chair.page, police: police.page, health: health.page }, strategy, [ids.helen, ids.sam, ids.alex, ids.nadia]);
  await passesAtBothWidths(chair.page, `${strategy}/family-version`);
  for (const path of [`${strategy}/minutes`, `${strategy}/minutes/family`]) await printPasses(chair.page, path);

  // Convening the initial conference; the conference as the chair and as an invitee while it is open.
  await passesAtBothWidths(chair.page, `${strategy}/conference`);
  const held = dayFromToday(7);
  const conference = await postForm(chair.page, `${strategy}/conference`, {
    heldOnDay: held.day, heldOnMonth: held.month, heldOnYear: held.year, heldTime: "10:00", how: "in_person",
    concern: "Lily said Dean threw a plate at her mother.", chairUserId: ids.helen, invitee: [ids.sam, ids.alex, ids.nadia, ids.emma], lateReason: "",
  });
  await passesAtBothWidths(chair.page, conference);
  await passesAtBothWidths(police.page, conference);
  await passesAtBothWidths(chair.page, `${conference}/family-version`);

  // The chair's decision refused without what it needs, then recorded; the conference signed off; its minutes.
  await chair.page.goto(conference);
  const decision = chair.page.locator("form.app-decisions-form");
  await decision.getByRole("group", { name: "Does the child need a child protection plan?" }).getByLabel("No").check();
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(chair.page.locator(".govuk-error-summary")).toContainText("Enter why the child does not need a plan");
  await expectNoAxeViolations(chair.page);
  await chair.page.setViewportSize(NARROW);
  expect(await chair.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROW.width);
  await expectNoAxeViolations(chair.page);
  await chair.page.setViewportSize(DESKTOP);
  const attended: Record<string, string> = { intent: "attendance" };
  for (const id of [ids.helen, ids.sam]) attended[`attendance-${id}`] = "present";
  for (const id of [ids.alex, ids.nadia, ids.emma]) attended[`attendance-${id}`] = "apologies";
  await postForm(chair.page, conference, attended);
  await chair.page.goto(conference);
  await scale(chair.page, "5", "Lily's plan is working; a second plan would add nothing.");
  await expect(chair.page.getByRole("alert")).toContainText("scaling has been recorded");
  await postForm(chair.page, conference, { intent: "conference-decision", planNeeded: "no", reason: "Lily already has a child protection plan, which this conference reviewed.", whatFollows: "child_in_need_plan" });
  await postForm(chair.page, conference, { intent: "sign-off" });
  await passesAtBothWidths(chair.page, conference);
  await passesAtBothWidths(police.page, conference);
  await passesAtBothWidths(chair.page, `${conference}/family-version`);
  for (const path of [`${conference}/minutes`, `${conference}/minutes/family`]) await printPasses(chair.page, path);

  // The form that convenes a review of Lily's plan.
  await passesAtBothWidths(chair.page, "/cases/1/meetings/new-review");
  await chair.page.getByRole("button", { name: "Convene the conference" }).click();
  await expect(chair.page.locator(".govuk-error-summary")).toBeVisible();
  await expectNoAxeViolations(chair.page);
});
