// A core group of Lily's plan end to end in four browsers: the lead social worker schedules it; the lead, police, health
// and the school each write in the live notes and say how their own actions stand, and each sees the others' words and
// progress arrive without a reload; the school is offered no control on a police action and is refused (403) when it
// posts one anyway; the lead signs off and every browser turns read-only without a reload; the family's version holds
// none of the police's words, and neither version their restricted notes. axe passes on each new page at desktop width
// and at 375 px.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, DESKTOP, signedInContexts } from "../support/e2e-fixtures";

const as = signedInContexts();
const token = () => randomBytes(4).toString("hex");

const agencies = {
  socialCare: "Sandmere Borough Council Children's Services",
  police: "Kestrel Vale Police",
  health: "Sandmere Community Health NHS Trust",
  school: "Larkfield Primary School",
};
/** Lily's plan's actions (db/demo/lily-plan.ts), by the agency that owns them. */
const actions = {
  socialCare: "Agree a written safety plan with Kerry and Pat",
  police: "Tell the lead social worker within one working day of any police call-out",
  health: "Arrange a health assessment for Lily",
  school: "Check Lily's attendance and whether she has had breakfast",
};

const notesPart = (page: Page, agency: string) => page.getByRole("textbox", { name: agency, exact: true });
const actionCard = (page: Page, what: string) => page.getByTestId(/^progress-\d+$/).filter({ hasText: what });

async function typeInto(page: Page, agency: string, text: string) {
  const editor = notesPart(page, agency);
  await expect(editor).toHaveAttribute("contenteditable", "true", { timeout: 15_000 });
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text, { delay: 5 });
}

async function sayProgress(page: Page, what: string, status: string, note: string) {
  const card = actionCard(page, what);
  await card.getByLabel(/^How action [\d.]+ stands$/).selectOption({ label: status });
  await card.getByLabel("A short note").fill(note);
  await card.getByRole("button", { name: /^Record progress/ }).click();
  await expect(page.getByRole("alert")).toContainText("The action's progress has been recorded.");
}

test("lead, police, health and the school run a core group from scheduling to signed-off notes", async ({ browser }) => {
  test.setTimeout(180_000);
  const lead = await as(browser, "socialWorker");
  const police = await as(browser, "police");
  const health = await as(browser, "health");
  const school = await as(browser, "education");
  for (const { page } of [lead, police, health, school]) await page.setViewportSize(DESKTOP);

  // The lead social worker schedules the next (the demo held the first) for today, with everyone on the case.
  await lead.page.goto("/cases/1/core-groups/new");
  await expect(lead.page.getByTestId("core-group-clock")).toContainText("The next core group");
  await axeAtBothWidths(lead.page);
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");
  const date = lead.page.getByRole("group", { name: "Date" });
  await date.getByLabel("Day").fill(String(Number(day)));
  await date.getByLabel("Month").fill(String(Number(month)));
  await date.getByLabel("Year").fill(year);
  await lead.page.getByLabel("Time").fill("10:00");
  await lead.page.getByLabel("Video call").check();
  await lead.page.getByRole("button", { name: "Schedule the core group" }).click();
  await expect(lead.page).toHaveURL(/\/cases\/1\/core-groups\/\d+$/);
  const coreGroup = new URL(lead.page.url()).pathname;
  await expect(lead.page.getByTestId("core-group-clock")).toContainText("Met");
  for (const { page } of [police, health, school]) await page.goto(coreGroup);

  // Each writes in its own agency's part of the notes; every browser sees every part as it is typed.
  const words = { socialCare: `Social care ${token()}`, police: `Police ${token()}`, health: `Health ${token()}`, school: `School ${token()}` };
  await typeInto(lead.page, agencies.socialCare, words.socialCare);
  await typeInto(police.page, agencies.police, words.police);
  await typeInto(health.page, agencies.health, words.health);
  await typeInto(school.page, agencies.school, words.school);
  for (const { page } of [lead, police, health, school])
    for (const agency of ["socialCare", "police", "health", "school"] as const)
      await expect(notesPart(page, agencies[agency])).toContainText(words[agency], { timeout: 15_000 });
  await expect(police.page.getByTestId("presence")).toContainText("Emma Clarke, Larkfield Primary School");

  // The police write in their restricted notes on the case: words that no version of the notes may ever hold.
  const restricted = `Police intelligence ${token()}`;
  await police.page.goto("/cases/1/restricted/kestrel-vale-police");
  const restrictedNotes = police.page.getByRole("textbox", { name: "Notes (live)" });
  await expect(restrictedNotes).toHaveAttribute("contenteditable", "true", { timeout: 15_000 });
  await restrictedNotes.click();
  await police.page.keyboard.press("Control+End");
  await police.page.keyboard.type(restricted, { delay: 5 });
  await expect(restrictedNotes).toContainText(restricted);
  await police.page.goto(coreGroup);

  // Each says how its own action stands; the others see it arrive without a reload.
  const notes = { police: `No call-outs since the conference ${token()}`, health: `Assessment booked ${token()}`, school: `Every day this week ${token()}` };
  await sayProgress(police.page, actions.police, "On track", notes.police);
  await sayProgress(health.page, actions.health, "Not started", notes.health);
  await sayProgress(school.page, actions.school, "On track", notes.school);
  for (const { page } of [lead, police, health, school]) {
    await expect(actionCard(page, actions.police).getByTestId("progress-here")).toContainText(notes.police, { timeout: 15_000 });
    await expect(actionCard(page, actions.health).getByTestId("progress-here")).toContainText(notes.health, { timeout: 15_000 });
    await expect(actionCard(page, actions.school).getByTestId("progress-here")).toContainText(notes.school, { timeout: 15_000 });
  }

  // The school is offered nothing on the police's action, and is refused when it posts anyway.
  const policeCard = actionCard(school.page, actions.police);
  await expect(policeCard.getByRole("button", { name: /^Record progress/ })).toHaveCount(0);
  const policeActionId = (await policeCard.getAttribute("data-testid"))!.replace("progress-", "");
  const refused = await school.page.evaluate(
    async ({ path, actionId }) =>
      (await fetch(path, { method: "POST", body: new URLSearchParams({ intent: "progress", actionId, status: "done", note: "", reason: "" }) })).status,
    { path: coreGroup, actionId: policeActionId },
  );
  expect(refused).toBe(403);
  await expect(actionCard(lead.page, actions.police).getByTestId("progress-here")).toContainText("On track");
  await axeAtBothWidths(school.page);

  // Health lets the family see its part; attendance; the lead signs off, and every browser turns read-only.
  await health.page.getByRole("button", { name: `Let the family see our part (${agencies.health})` }).click();
  await expect(health.page.getByTestId("for-family-sandmere-community-health")).toContainText("For the family");
  for (const name of ["Sam Okafor", "Alex Morgan", "Nadia Hussain", "Emma Clarke"]) await lead.page.getByLabel(`Attendance of ${name}`).selectOption("present");
  await lead.page.getByRole("button", { name: "Save attendance" }).click();
  await expect(school.page.getByTestId("attendance")).toContainText("Present", { timeout: 15_000 });
  await axeAtBothWidths(lead.page);
  await lead.page.getByRole("button", { name: "Sign off the notes" }).click();
  await expect(lead.page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
  for (const { page } of [lead, police, health, school]) {
    for (const agency of Object.values(agencies)) await expect(notesPart(page, agency)).toHaveAttribute("contenteditable", "false", { timeout: 15_000 });
    await expect(page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("button", { name: /^Record progress/ })).toHaveCount(0);
  }
  await axeAtBothWidths(police.page);

  // The family's version: health's part, none of the police's words; their restricted text in neither version.
  const family = await (await lead.page.request.get(`${coreGroup}/notes/family`)).text();
  expect(family).toContain(words.health);
  for (const withheld of [words.police, words.school, words.socialCare, notes.police, restricted]) expect(family).not.toContain(withheld);
  const full = await (await police.page.request.get(`${coreGroup}/notes/full`)).text();
  expect(full).toContain(words.police);
  expect(full).not.toContain(restricted);
  for (const version of ["full", "family"]) {
    await lead.page.goto(`${coreGroup}/notes/${version}`);
    await expect(lead.page.getByTestId("core-group-notes")).toContainText(words.health);
    await axeAtBothWidths(lead.page);
  }
  await expect(lead.page.getByTestId("core-group-notes")).not.toContainText(words.police);
});
