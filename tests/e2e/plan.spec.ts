// Lily's child protection plan in the browser: the lead social worker adds an action and sees it; the police officer,
// with the plan open, sees it arrive without a reload and is offered no way to change the plan. axe passes at desktop
// width and at 375 px, and nothing is wider than a 375 px screen.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signedInContexts } from "../support/e2e-fixtures";

const as = signedInContexts();

/** "14 12 2026", `days` after today in England. */
function typedDate(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000);
  return `${date.getUTCDate()} ${date.getUTCMonth() + 1} ${date.getUTCFullYear()}`;
}

async function expectFitsWidth(page: Page, width: number) {
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widest, `the page is ${widest} px wide on a ${width} px screen`).toBeLessThanOrEqual(width);
}

test("the lead social worker adds an action to Lily's plan; the police see it arrive; axe passes at desktop and 375 px", async ({ browser }) => {
  test.setTimeout(90_000);
  const lead = await as(browser, "socialWorker");
  const police = await as(browser, "police");
  const what = `Take Lily to the school nurse drop-in ${randomBytes(3).toString("hex")}`;

  await police.page.goto("/cases/1/plan");
  await expect(police.page.getByRole("heading", { level: 1, name: /Child protection plan/ })).toBeVisible();
  await expect(police.page.getByRole("heading", { name: "Add an action" })).toHaveCount(0);

  await lead.page.goto("/cases/1/plan");
  await expect(lead.page.getByRole("heading", { level: 1, name: /Child protection plan/ })).toBeVisible();
  await expect(lead.page.getByTestId("plan-details")).toContainText("Emotional abuse");
  await expectNoAxeViolations(lead.page);

  const form = lead.page.locator("form", { has: lead.page.getByRole("button", { name: "Add the action" }) });
  await form.getByLabel("Which outcome it is for").selectOption({ index: 2 });
  await form.getByLabel("What will be done").fill(what);
  await form.getByLabel("Why").fill("So Lily's health is checked somewhere she feels at ease.");
  await form.getByLabel("Who will do it").selectOption({ label: "Nadia Hussain, Health visitor" });
  await form.getByLabel("By when").fill(typedDate(14));
  await form.getByLabel("How progress will be measured").fill("The nurse's notes shared at the next core group.");
  await form.getByRole("button", { name: "Add the action" }).click();

  await expect(lead.page.getByRole("alert")).toContainText("The action has been added to the plan.");
  const card = lead.page.getByTestId("plan-action").filter({ hasText: what });
  await expect(card).toContainText("Action 2.3");
  await expect(card).toContainText("Nadia Hussain (Sandmere Community Health NHS Trust)");
  await expect(police.page.getByTestId("plan-action").filter({ hasText: what })).toContainText("Action 2.3", { timeout: 15_000 });
  await expectNoAxeViolations(lead.page);

  // A refused date says why, and the page still passes axe.
  await form.getByLabel("Which outcome it is for").selectOption({ index: 1 });
  await form.getByLabel("What will be done").fill("Something with no date yet");
  await form.getByLabel("By when").fill("ongoing");
  await form.getByRole("button", { name: "Add the action" }).click();
  await expect(lead.page.locator(".govuk-error-summary")).toContainText('"Ongoing" is not a date.');
  await expectNoAxeViolations(lead.page);

  for (const { page } of [lead, police]) {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/cases/1/plan");
    await expect(page.getByTestId("plan-action").filter({ hasText: what })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectFitsWidth(page, 375);
  }
});
