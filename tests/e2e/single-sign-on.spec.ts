// Single sign-on in a real browser (issue 16, decision 057): a police officer signs in through Kestrel Vale Police's
// own provider (a real OpenID provider the end-to-end server runs, tests/support/oidc-test-provider.ts), whose second
// factor the force trusts; someone the portal does not know is told so. The portal's pages are checked with axe at both
// widths (the provider's page is the provider's own).
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, demoUser, expectNoAxeViolations } from "../support/e2e-fixtures";

async function throughTheForce(page: Page, email: string, secondFactor: boolean) {
  await page.goto("/sign-in");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in through Kestrel Vale Police" }).click();
  await expect(page.getByRole("heading", { name: "Test sign-in service" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  if (secondFactor) await page.getByLabel("I used my second factor").check();
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a police officer signs in through the force's own sign-in, and their sessions say so", async ({ page }) => {
  await throughTheForce(page, demoUser("policeScreener").email, true);
  await expect(page).toHaveURL("/");
  await page.goto("/account/sessions");
  await expect(page.getByText("Single sign-on with its own second factor")).toBeVisible();
  await page.goto("/account/activity");
  await expect(page.getByText("through their agency's sign-in").first()).toBeVisible();
});

test("someone the force knows but the portal does not is told to ask for an invitation, and is not signed in", async ({ page }) => {
  await throughTheForce(page, "new.starter@kestrelvale-police.example", true);
  await expect(page.getByRole("heading", { level: 1, name: "You have not been signed in" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("You do not have an account on the Partnership Portal");
  await axeAtBothWidths(page);
  await page.getByRole("link", { name: "Go to the sign-in page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to the Partnership Portal" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an agency that does not sign its people in this way gets a page that says so", async ({ page }) => {
  await page.goto("/sign-in/sso/harbour-lane-surgery");
  await expect(page.getByRole("alert")).toContainText("does not sign its people in to the portal through its own service");
  await axeAtBothWidths(page);
});
