// Second factors in a real browser (issue 16, decision 056): the partnership manager's view of every agency's share of
// people with an authenticator app and its exemptions, and proving it is you again. Every page is checked with axe at
// both widths. (Setting up an app and signing in with a recovery code are in the foundation's invitation test.)
import { expect, test } from "@playwright/test";
import { claimAcrossProcesses, demoCode, realClock } from "../support/demo-codes";
import { axeAtBothWidths, demoUser, expectNoAxeViolations, signIn } from "../support/e2e-fixtures";

test("the partnership manager sees each agency's share of second factors, and proves it is them before recording an exemption", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "partnershipManager");
  await page.getByRole("link", { name: "Oversight" }).click();
  await page.getByRole("link", { name: "Second factors by agency" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Second factors by agency" })).toBeVisible();
  const police = page.getByRole("row").filter({ hasText: "Kestrel Vale Police" });
  await expect(police).toContainText("None: a second factor is required");
  await axeAtBothWidths(page);

  // Nothing chosen: the error summary, nothing recorded.
  await page.getByRole("button", { name: "Record the exemption" }).click();
  await expect(page.getByRole("link", { name: "Select an agency" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Proving it is you, then the same form again.
  await page.goto("/account/confirm?next=%2Foversight%2Fsecond-factors");
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it is you" })).toBeVisible();
  await axeAtBothWidths(page);
  await page.getByLabel("Code", { exact: true }).fill("12345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: "The code must be 6 digits" })).toBeVisible();
  await expectNoAxeViolations(page);
  const port = Number(process.env.PORT_E2E || 3123);
  const email = demoUser("partnershipManager").email;
  await page.getByLabel("Code", { exact: true }).fill(await demoCode(`e2e-${port}`, email, claimAcrossProcesses(`e2e-${port}`), realClock));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL("/oversight/second-factors");

  await page.getByLabel("Agency", { exact: true }).selectOption({ label: "Harbour Lane Surgery" });
  await page.getByLabel("Why its people may sign in without a second factor").fill("The practice's phones arrive in January.");
  await page.getByRole("button", { name: "Record the exemption" }).click();
  await expect(page.getByRole("alert")).toContainText("Harbour Lane Surgery's people may now sign in with a password alone");
  const surgery = page.getByRole("row").filter({ hasText: "Harbour Lane Surgery" });
  await expect(surgery).toContainText("The practice's phones arrive in January.");
  await expect(surgery).toContainText("Recorded by Marion Fields");
  await expect(surgery.getByRole("button", { name: "Withdraw the exemption for Harbour Lane Surgery" })).toBeVisible();
  await expectNoAxeViolations(page);
  // Left in place: the other worker may be signing the surgery's GP in now, and withdrawing it would end that session
  // (which the integration tests check).
});
