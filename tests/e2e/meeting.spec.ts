// A strategy meeting end to end in four browsers: the chair convenes it and the invitees see it arrive; attendance;
// each agency writes its own section and scales; the chair records decisions and actions (one refused for
// "ongoing"), signs off, and every browser turns read-only without a reload; the family's minutes hold none of the
// police's restricted text; the conference's due date is right.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, scale, signedInContexts } from "../support/e2e-fixtures";

const token = () => randomBytes(4).toString("hex");
const as = signedInContexts();

const agencies = {
  socialCare: "Sandmere Borough Council Children's Services",
  police: "Kestrel Vale Police",
  health: "Sandmere Community Health NHS Trust",
  education: "Larkfield Primary School",
};

const section = (page: Page, agency: string) => page.getByRole("textbox", { name: agency, exact: true });

async function typeInto(page: Page, name: string, text: string) {
  const editor = page.getByRole("textbox", { name, exact: true });
  await expect(editor).toHaveAttribute("contenteditable", "true", { timeout: 15_000 });
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text, { delay: 5 });
}

async function scaleAndSeeItRecorded(page: Page, score: string, reasons: string) {
  await scale(page, score, reasons);
  await expect(page.getByRole("alert")).toContainText("Your agency's scaling has been recorded.");
}

test("chair, police, health and education run a strategy meeting from convening to signed-off minutes", async ({ browser }) => {
  test.setTimeout(240_000);
  const chair = await as(browser, "chair");
  const police = await as(browser, "police");
  const health = await as(browser, "health");
  const education = await as(browser, "education");

  // Police has "Your work" open while the chair convenes: the invitation arrives without a reload.
  await police.page.goto("/");
  await chair.page.goto("/cases/1/meetings/new");
  await expectNoAxeViolations(chair.page);
  await chair.page.getByRole("group", { name: "Date" }).getByLabel("Day").fill("10");
  await chair.page.getByRole("group", { name: "Date" }).getByLabel("Month").fill("12");
  await chair.page.getByRole("group", { name: "Date" }).getByLabel("Year").fill("2026");
  await chair.page.getByLabel("Time").fill("10:00");
  await chair.page.getByLabel("Video call").check();
  await chair.page.getByLabel("The concern of significant harm").fill("Lily came to school hungry with a bruise on her arm.");
  await chair.page.getByRole("button", { name: "Convene the meeting" }).click();
  await expect(chair.page).toHaveURL(/\/cases\/1\/meetings\/\d+$/);
  const meeting = new URL(chair.page.url()).pathname;
  await expect(police.page.getByTestId("invitations")).toContainText("Strategy meeting for Lily Marsh", { timeout: 15_000 });

  for (const { page } of [police, health, education]) await page.goto(meeting);

  // Attendance.
  for (const name of ["Helen Ward", "Sam Okafor", "Alex Morgan", "Nadia Hussain", "Emma Clarke"]) {
    const select = chair.page.getByLabel(`Attendance of ${name}`);
    if ((await select.count()) > 0) await select.selectOption("present");
  }
  await chair.page.getByRole("button", { name: "Save attendance" }).click();
  await expect(health.page.getByTestId("attendance")).toContainText("Present", { timeout: 15_000 });

  // Each agency writes its own section; the others see it as it is typed, and cannot write in it.
  const words = { police: `Police information ${token()}`, health: `Health information ${token()}`, education: `School information ${token()}` };
  const restricted = `Police intelligence for the chair ${token()}`;
  await typeInto(police.page, agencies.police, words.police);
  await typeInto(health.page, agencies.health, words.health);
  await typeInto(education.page, agencies.education, words.education);
  await typeInto(police.page, `${agencies.police}'s information for the chair only`, restricted);
  for (const { page } of [chair, police, health, education]) {
    await expect(section(page, agencies.police)).toContainText(words.police);
    await expect(section(page, agencies.health)).toContainText(words.health);
    await expect(section(page, agencies.education)).toContainText(words.education);
  }
  await expect(section(health.page, agencies.police)).toHaveAttribute("contenteditable", "false");
  await expect(chair.page.getByRole("textbox", { name: `${agencies.police}'s information for the chair only` })).toContainText(restricted);
  await expect(health.page.getByRole("textbox", { name: `${agencies.police}'s information for the chair only` })).toHaveCount(0);

  // Each scales; everyone sees every score.
  await scaleAndSeeItRecorded(chair.page, "4", "Kerry acted to protect the children.");
  await scaleAndSeeItRecorded(police.page, "3", "Two call-outs this year.");
  await scaleAndSeeItRecorded(health.page, "5", "Development on track.");
  await scaleAndSeeItRecorded(education.page, "4", "Attendance has fallen.");
  for (const { page } of [chair, police, health, education]) {
    const scores = page.getByTestId("meeting-scores");
    for (const agency of Object.values(agencies)) await expect(scores).toContainText(agency, { timeout: 15_000 });
  }

  // The chair's decisions, and two actions: the first refused for "ongoing".
  const decisions = chair.page.locator("form.app-decisions-form");
  await decisions.getByRole("group", { name: "Does a section 47 enquiry start?" }).getByLabel("Yes").check();
  await decisions.getByLabel("Why", { exact: true }).fill("Reasonable cause to suspect Lily is suffering significant harm.");
  await decisions.getByRole("group", { name: "Do the police investigate?" }).getByLabel("Yes, jointly with social care").check();
  await decisions.getByRole("group", { name: "Does the child need immediate protection?" }).getByLabel("No").check();
  await decisions.getByRole("group", { name: "Is an initial child protection conference to be convened?" }).getByLabel("Yes").check();
  await decisions.getByRole("group", { name: "Is the family being told?" }).getByLabel("Yes").check();
  await decisions.getByLabel("If so, who tells them").fill("Sam Okafor");
  await decisions.getByRole("group", { name: "If so, when" }).getByLabel("Day").fill("11");
  await decisions.getByRole("group", { name: "If so, when" }).getByLabel("Month").fill("12");
  await decisions.getByRole("group", { name: "If so, when" }).getByLabel("Year").fill("2026");
  await decisions.getByRole("button", { name: "Record the decisions" }).click();
  // Thursday 10 December 2026 + 15 working days, without Christmas, the Boxing Day substitute and New Year's Day.
  for (const { page } of [chair, police]) await expect(page.getByTestId("icpc-due")).toHaveText("To be held by 5 January 2027 (15 working days)", { timeout: 15_000 });

  const addAction = async (what: string, owner: string, due: string) => {
    await chair.page.getByLabel("What will be done", { exact: true }).fill(what);
    await chair.page.getByLabel("Who will do it", { exact: true }).selectOption({ label: owner });
    await chair.page.getByLabel("By when", { exact: true }).fill(due);
    await chair.page.getByRole("button", { name: "Add the action" }).click();
  };
  await addAction("Visit Kerry and Pat together", `Sam Okafor, ${agencies.socialCare}`, "ongoing");
  await expect(chair.page.locator(".govuk-error-summary")).toContainText(`"Ongoing" is not a date`);
  await expect(chair.page.getByLabel("What will be done", { exact: true })).toHaveValue("Visit Kerry and Pat together");
  await expectNoAxeViolations(chair.page);
  await addAction("Visit Kerry and Pat together", `Sam Okafor, ${agencies.socialCare}`, "4 12 2027");
  await addAction("Share the call-out history with the conference", `Alex Morgan, ${agencies.police}`, "18 12 2027");
  await expect(police.page.getByTestId("actions")).toContainText("Share the call-out history with the conference", { timeout: 15_000 });

  // Police give their section to the family; health do not. The chair sees what the family will receive beside the
  // full record before signing off.
  await police.page.getByRole("button", { name: `Give ${agencies.police}'s section to the family` }).click();
  await expect(police.page.getByTestId(`section-kestrel-vale-police-for-family`)).toContainText("In the family's minutes", { timeout: 15_000 });
  await expect(health.page.getByRole("button", { name: `Give ${agencies.police}'s section to the family` })).toHaveCount(0);
  await chair.page.getByRole("link", { name: "What the family will receive" }).click();
  await expect(chair.page.getByRole("heading", { level: 1, name: /What the family will receive/ })).toBeVisible();
  await expect(chair.page.getByTestId("family-kestrel-vale-police")).toContainText(words.police);
  await expect(chair.page.getByTestId("family-kestrel-vale-police")).not.toContainText(restricted);
  await expect(chair.page.getByTestId("family-sandmere-community-health-nhs-trust")).toContainText("Not in the family's version");
  await expectNoAxeViolations(chair.page);
  await chair.page.setViewportSize({ width: 375, height: 800 });
  await expectNoAxeViolations(chair.page);
  await chair.page.setViewportSize({ width: 1280, height: 800 });
  await chair.page.getByRole("link", { name: "Back to the meeting" }).click();

  // Sign-off: every browser's editors turn read-only without a reload.
  await chair.page.getByRole("button", { name: "Sign off the record" }).click();
  await expect(chair.page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
  for (const { page } of [police, health, education])
    await expect(section(page, agencies.police)).toHaveAttribute("contenteditable", "false", { timeout: 15_000 });
  await expect(section(police.page, agencies.police)).toHaveAttribute("contenteditable", "false");
  await expect(section(education.page, agencies.education)).toHaveAttribute("contenteditable", "false");
  await expect(police.page.getByTestId("signed-off")).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(police.page);

  // The minutes, and the family's: not a byte of the police's part for the chair.
  const minutes = await chair.page.request.get(`${meeting}/minutes`);
  expect(await minutes.text()).toContain(restricted);
  const family = await chair.page.request.get(`${meeting}/minutes/family`);
  const familyBytes = await family.text();
  expect(familyBytes).not.toContain(restricted);
  // Only what each agency gave to the family: police's section, not health's or the school's.
  expect(familyBytes).toContain(words.police);
  expect(familyBytes).not.toContain(words.health);
  expect(familyBytes).not.toContain(words.education);
  expect(familyBytes).toContain("An initial child protection conference is to be held by 5 January 2027");
  for (const path of [`${meeting}/minutes`, `${meeting}/minutes/family`]) {
    await chair.page.goto(path);
    await expectNoAxeViolations(chair.page);
  }
  await chair.page.emulateMedia({ media: "print" });
  await expect(chair.page.getByRole("link", { name: "Back to the meeting" })).toBeHidden();

  // The front sheet's clock.
  await health.page.goto("/cases/1");
  await expect(health.page.getByTestId("icpc-clock")).toContainText("Due by 5 January 2027");
});
