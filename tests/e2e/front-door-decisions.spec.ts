// Consent and the decision as the screening team and the manager work them (decision 036): the MASH social worker
// is refused dispensing with consent without a reason, records it with the manager, confirms Ava is not a child already
// known, is refused a proposal without a rationale, proposes no further action; the team manager authorises it; the
// health visitor who referred sees the outcome and the feedback. Every page passes axe at both widths.
import { expect, test } from "@playwright/test";
import { axeAtBothWidths, newSignedInContext, signIn } from "../support/e2e-fixtures";

test("consent dispensed with, a decision proposed and authorised, and the referrer told", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, "screener", { axe: false });
  await page.goto("/front-door");
  await page.getByRole("link", { name: /Ava Thompson/ }).click();
  await expect(page.getByTestId("consent-and-decision")).toContainText("Not recorded by the screening team");
  const contactUrl = page.url();

  await page.getByRole("link", { name: "Consent records" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Consent for the referral about Ava Thompson/ })).toBeVisible();
  await axeAtBothWidths(page);
  await page.getByRole("radio", { name: "Dispensed with" }).check();
  await page.getByRole("button", { name: "Save consent" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Enter why consent is dispensed with");
  await expect(summary).toContainText("Select the social care manager who decided");
  await axeAtBothWidths(page);
  await page.getByLabel("Detail, or why consent is dispensed with").fill("Asking Ryan could raise the risk to Jade and Ava.");
  await page.getByLabel("The social care manager who decided to dispense with consent").selectOption({ label: "Priya Shah, Team manager, child protection, Sandmere Borough Council Children's Services" });
  await page.getByRole("button", { name: "Save consent" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Consent recorded: dispensed with");
  await expect(page.getByTestId("consent-history")).toContainText("Decided by Priya Shah");

  await page.goto(`${contactUrl}/match`);
  await page.locator('input[name="match"][value="none"]').check();
  await page.getByRole("button", { name: "Save the match" }).click();
  await page.waitForURL(/\?matched=1/);

  await page.goto(`${contactUrl}/decision`);
  await expect(page.getByRole("heading", { level: 1, name: /Decide on the referral about Ava Thompson/ })).toBeVisible();
  await axeAtBothWidths(page);
  await page.getByRole("radio", { name: "No further action or advice" }).check();
  await page.getByLabel("Feedback to the referrer").fill("Thank you: the health visiting service continues; refer again if anything changes.");
  await page.getByRole("button", { name: "Propose the decision" }).click();
  await expect(summary).toContainText("Enter the rationale for this decision");
  await axeAtBothWidths(page);
  await page.getByLabel("Rationale").fill("The GP review and perinatal support meet the need; no sign of significant harm.");
  await page.getByRole("button", { name: "Propose the decision" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Decision proposed");

  const manager = await newSignedInContext(browser, "teamManager");
  await manager.page.goto(`${contactUrl}/decision/authorise`);
  await expect(manager.page.getByRole("heading", { level: 1, name: /Authorise the decision about Ava Thompson/ })).toBeVisible();
  await axeAtBothWidths(manager.page);
  await manager.page.getByRole("radio", { name: /Authorise: No further action/ }).check();
  await manager.page.getByRole("button", { name: "Save your decision" }).click();
  await expect(manager.page.locator(".govuk-notification-banner--success")).toContainText("Decision authorised: no further action or advice");
  await axeAtBothWidths(manager.page);
  await manager.context.close();

  // The screener's page heard of it.
  await expect(page.getByTestId("decision-status")).toContainText("Decided: No further action or advice");

  const referrer = await newSignedInContext(browser, "health");
  const contactId = new URL(contactUrl).pathname.split("/")[2];
  await expect(referrer.page.getByRole("row", { name: new RegExp(`R-${contactId} `) })).toContainText("Decided: No further action or advice");
  await referrer.page.getByRole("link", { name: `R-${contactId}`, exact: true }).click();
  await expect(referrer.page.getByTestId("referral-feedback")).toContainText("the health visiting service continues");
  await expect(referrer.page.locator("main")).not.toContainText("no sign of significant harm");
  await axeAtBothWidths(referrer.page);
  await referrer.context.close();
});
