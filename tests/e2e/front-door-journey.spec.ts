// The front door end to end (issue 12): the school refers Lily Ashworth through the question pages; the MASH social
// worker asks the police, health and the school for their checks, and each agency's screener writes its check live
// while another browser reads along without a reload; the screener rates amber and dispenses with consent (refused
// first without a reason), confirms Lily is not known and proposes a strategy discussion; the team manager authorises
// it, every check turns read-only, and the case and its strategy discussion exist with the checks attached; the school
// sees the outcome and the feedback on Your work, and gets "Page not found" for the police's check. axe passes on the
// new pages at desktop width and at 375 px.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, DESKTOP, signedInContexts } from "../support/e2e-fixtures";

const as = signedInContexts();
const agencies = { police: "Kestrel Vale Police", health: "Sandmere Community Health NHS Trust", school: "Larkfield Primary School" };
const continueButton = (page: Page) => page.getByRole("button", { name: "Save and continue" });
const checkEditor = (page: Page, agency: string) => page.getByRole("textbox", { name: `What ${agency} holds` });

/** Saves a question page and waits for the next one. */
async function next(page: Page) {
  const here = page.url();
  await continueButton(page).click();
  await page.waitForURL((url) => url.href !== here);
}

/** The school's referral through its question pages; the referral's number. */
async function refer(page: Page, child: string): Promise<number> {
  await page.goto("/referrals/new");
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByLabel("Child's full name").fill(child);
  await page.getByRole("radio", { name: "Yes" }).check();
  const dob = page.getByRole("group", { name: "Date of birth, if born" });
  await dob.getByLabel("Day").fill("3");
  await dob.getByLabel("Month").fill("2");
  await dob.getByLabel("Year").fill("2019");
  await page.getByLabel("Child's address (optional)").fill("41 Tern Street, Sandmere SM2 9LX");
  await next(page);
  await page.getByLabel("Full name").fill("Gemma Ashworth");
  await page.getByLabel("Relationship to the child").fill("Mother");
  await page.getByRole("radio", { name: "Yes" }).check();
  await next(page);
  await page.getByLabel("What are you worried about?").fill("Lily has a burn on her hand and says her mum's boyfriend did it.");
  await next(page);
  await next(page);
  await page.getByRole("radio", { name: "No" }).check();
  await next(page);
  await page.getByRole("radio", { name: "Not asked" }).check();
  await page.getByLabel("If not asked, why you did not ask for consent").fill("Asking could put Lily at risk.");
  await next(page);
  await page.getByLabel("Telephone number").fill("01632 960 001");
  await next(page);
  await expect(page.getByRole("heading", { level: 1, name: /Check your answers/ })).toBeVisible();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Referral sent" })).toBeVisible();
  return Number(page.url().match(/\/referrals\/(\d+)/)![1]);
}

async function askForCheck(page: Page, contactId: number, agency: string, what: string) {
  await page.goto(`/front-door/${contactId}/checks/new`);
  await page.getByRole("radio", { name: agency }).check();
  await page.getByLabel("What do you want them to check?").fill(what);
  await page.getByRole("button", { name: "Ask for the check" }).click();
  await expect(page.getByTestId("checks-table")).toContainText(agency);
}

async function typeInCheck(page: Page, agency: string, text: string) {
  const editor = checkEditor(page, agency);
  await expect(editor).toHaveAttribute("contenteditable", "true", { timeout: 15_000 });
  await editor.click();
  await page.keyboard.type(text, { delay: 5 });
}

test("a referral from the school becomes a strategy discussion with every agency's checks", async ({ browser }) => {
  test.setTimeout(300_000);
  const token = randomBytes(3).toString("hex");
  const child = `Lily Ashworth`;
  const school = await as(browser, "education");
  const mash = await as(browser, "screener");
  const police = await as(browser, "policeScreener");
  const health = await as(browser, "healthScreener");
  const schoolScreener = await as(browser, "educationScreener");
  const manager = await as(browser, "teamManager");
  for (const { page } of [school, mash, police, health, schoolScreener, manager]) await page.setViewportSize(DESKTOP);

  const contactId = await refer(school.page, child);

  // The MASH social worker asks each agency for its check.
  await mash.page.goto(`/front-door/${contactId}`);
  await expect(mash.page.getByRole("heading", { level: 1 })).toContainText(child);
  await mash.page.goto(`/front-door/${contactId}/checks/new`);
  await axeAtBothWidths(mash.page);
  await askForCheck(mash.page, contactId, agencies.police, "Incidents at 41 Tern Street and what is known of the boyfriend.");
  await askForCheck(mash.page, contactId, agencies.health, "Lily's and her mother's contact with health services.");
  await askForCheck(mash.page, contactId, agencies.school, "Lily's attendance and any earlier concerns.");

  // Each agency writes its own check; another browser reads it as it is typed.
  await police.page.goto(`/front-door/${contactId}/checks/kestrel-vale-police`);
  await manager.page.goto(`/front-door/${contactId}/checks/kestrel-vale-police`);
  await health.page.goto(`/front-door/${contactId}/checks/sandmere-community-health`);
  await mash.page.goto(`/front-door/${contactId}/checks/sandmere-community-health`);
  await schoolScreener.page.goto(`/front-door/${contactId}/checks/larkfield-primary`);
  await expect(manager.page.getByTestId("check-restricted")).toContainText("only Kestrel Vale Police and the managers who decide");
  await axeAtBothWidths(police.page);
  await typeInCheck(police.page, agencies.police, `Boyfriend Carl Pike: two assaults on a former partner ${token}.`);
  await typeInCheck(health.page, agencies.health, `Lily missed her last two dental appointments ${token}.`);
  await typeInCheck(schoolScreener.page, agencies.school, `Attendance 88% this term ${token}.`);
  await expect(checkEditor(manager.page, agencies.police)).toContainText(`two assaults on a former partner ${token}`);
  await expect(checkEditor(mash.page, agencies.health)).toContainText(`dental appointments ${token}`);
  await expect(checkEditor(mash.page, agencies.health)).toHaveAttribute("contenteditable", "false");
  await schoolScreener.context.close();
  // Health's screener is not let into the police's check.
  await health.page.goto(`/front-door/${contactId}/checks/kestrel-vale-police`);
  await expect(health.page.getByRole("heading", { level: 1 })).toContainText("Page not found");
  // Health completes its check.
  await health.page.goto(`/front-door/${contactId}/checks/sandmere-community-health`);
  await health.page.getByRole("button", { name: "Mark the check as complete" }).click();
  await expect(health.page.getByRole("alert")).toContainText("Check completed");
  await health.context.close();

  // The screener rates amber, and dispenses with consent: first without a reason, refused.
  await mash.page.goto(`/front-door/${contactId}`);
  await mash.page.getByRole("radio", { name: "Amber" }).check();
  await mash.page.getByLabel("Why this rating?").fill("A burn said to be caused by the mother's boyfriend: checks today.");
  await mash.page.getByRole("button", { name: "Save the rating" }).click();
  await expect(mash.page.getByRole("alert")).toContainText("Rated amber");
  await mash.page.goto(`/front-door/${contactId}/consent`);
  await mash.page.getByRole("radio", { name: "Dispensed with" }).check();
  await mash.page.getByRole("button", { name: "Save consent" }).click();
  await expect(mash.page.locator(".govuk-error-summary")).toContainText("Enter why consent is dispensed with");
  await axeAtBothWidths(mash.page);
  await mash.page.getByRole("radio", { name: "Dispensed with" }).check();
  await mash.page.getByLabel("Detail, or why consent is dispensed with").fill("Telling Gemma could alert the boyfriend before the police act.");
  await mash.page.getByLabel("The social care manager who decided to dispense with consent").selectOption({ index: 1 });
  await mash.page.getByRole("button", { name: "Save consent" }).click();
  await expect(mash.page.getByRole("alert")).toContainText("Consent recorded: dispensed with");

  // Lily is not known to any case; the screener proposes a strategy discussion.
  await mash.page.goto(`/front-door/${contactId}`);
  await mash.page.getByRole("link", { name: `Match ${child}` }).click();
  await mash.page.getByRole("radio", { name: /not a child already known|None of these/ }).check();
  await mash.page.getByRole("button", { name: "Save the match" }).click();
  await mash.page.goto(`/front-door/${contactId}/decision`);
  await mash.page.getByRole("radio", { name: "Strategy discussion (significant harm suspected)" }).check();
  await mash.page.getByLabel("Rationale").fill("An injury attributed to an adult with a history of violence: significant harm suspected.");
  await mash.page.getByLabel("Feedback to the referrer").fill(`Thank you. A strategy discussion will be held tomorrow; the social worker will call you ${token}.`);
  await mash.page.getByRole("button", { name: "Propose the decision" }).click();

  // The team manager authorises it: the case and the strategy discussion exist, with the checks.
  await manager.page.goto(`/front-door/${contactId}/decision/authorise`);
  await manager.page.getByRole("radio", { name: /^Authorise/ }).check();
  await manager.page.getByRole("button", { name: "Save your decision" }).click();
  await expect(manager.page.getByRole("alert")).toBeVisible();
  // The police's open editor turned read-only without a reload.
  await expect(checkEditor(police.page, agencies.police)).toHaveAttribute("contenteditable", "false", { timeout: 15_000 });
  await police.context.close();
  await manager.page.goto(`/front-door/${contactId}`);
  await manager.page.getByTestId("consent-and-decision").getByRole("link", { name: "Open the case" }).click();
  await expect(manager.page.getByRole("heading", { level: 1 })).toContainText(child);
  await manager.page.goto(`/front-door/${contactId}`);
  await manager.page.getByTestId("consent-and-decision").getByRole("link", { name: "The strategy discussion" }).click();
  const attached = manager.page.getByTestId("front-door-checks");
  await expect(attached).toContainText(`From the front door: referral R-${contactId}`);
  await attached.getByRole("link", { name: `${agencies.police}'s check` }).click();
  await expect(checkEditor(manager.page, agencies.police)).toContainText(`two assaults on a former partner ${token}`);

  // The school sees the outcome and the feedback, never the police's check.
  await school.page.goto("/");
  await expect(school.page.getByTestId("your-referrals")).toContainText(child);
  await expect(school.page.getByTestId("your-referrals")).toContainText(/Strategy discussion/);
  await school.page.goto(`/referrals/${contactId}`);
  await expect(school.page.getByTestId("referral-feedback")).toContainText(token);
  await school.page.goto(`/front-door/${contactId}/checks/kestrel-vale-police`);
  await expect(school.page.getByRole("heading", { level: 1 })).toContainText("Page not found");
  await expect(school.page.locator("main")).not.toContainText("two assaults");
});

test("the front door map: screeners of two agencies write in it at once", async ({ browser }) => {
  test.setTimeout(120_000);
  const token = randomBytes(3).toString("hex");
  const school = await as(browser, "education");
  const contactId = await refer(school.page, "Lily Ashworth");
  const mash = await as(browser, "screener");
  const police = await as(browser, "policeScreener");
  await mash.page.goto(`/front-door/${contactId}/map`);
  await axeAtBothWidths(mash.page);
  await mash.page.getByRole("button", { name: "Start a map" }).click();
  await expect(mash.page.getByTestId("map-started")).toContainText("Tom Reed");
  await police.page.goto(`/front-door/${contactId}/map`);
  await expect(police.page.getByTestId("map-started")).toContainText("Tom Reed");
  const harm = (page: Page) => page.getByRole("textbox", { name: "Harm", exact: true });
  await expect(harm(mash.page)).toHaveAttribute("contenteditable", "true", { timeout: 15_000 });
  await harm(mash.page).click();
  await mash.page.keyboard.type(`Burn on Lily's hand ${token}`, { delay: 5 });
  await expect(harm(police.page)).toContainText(`Burn on Lily's hand ${token}`);
  await axeAtBothWidths(police.page);
});
