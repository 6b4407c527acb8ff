// Passkeys in a real browser (issue 16, decision 058), with Chromium's virtual authenticator standing in for a phone or
// a laptop's fingerprint reader: adding one on Your passkeys, signing in with it alone, giving it as the second step
// after a password, and removing it. Every new page is checked with axe.
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, demoUser, DEMO_PASSWORD, expectNoAxeViolations, signIn, signedInAs } from "../support/e2e-fixtures";

/** A passkey authenticator built into this page's browser: discoverable credentials, the person always verified. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
}

test("a person adds a passkey, signs out, signs in with the passkey alone, uses it after a password, and removes it", async ({ page }) => {
  test.setTimeout(150_000);
  await addVirtualAuthenticator(page);
  await signIn(page, "gpAdmin", { axe: false });

  await page.goto("/account/sessions");
  await page.getByRole("link", { name: "your passkeys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your passkeys" })).toBeVisible();
  await expect(page.getByText("You have not added a passkey")).toBeVisible();
  await axeAtBothWidths(page);

  // No name: the error summary, and nothing asked of the authenticator.
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("link", { name: "Enter a name for the passkey" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Name for the passkey").fill("Work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("alert")).toContainText('The passkey "Work laptop" was added');
  const row = page.getByRole("row").filter({ hasText: "Work laptop" });
  await expect(row).toContainText("Not used yet");
  await axeAtBothWidths(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Your work/ })).toBeVisible();
  await expect(signedInAs(page)).toContainText(demoUser("gpAdmin").fullName);
  await page.goto("/account/sessions");
  await expect(page.getByRole("row").filter({ hasText: "This session" })).toContainText("Passkey");

  // After a password, the passkey instead of the app's code.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out")).toBeVisible();
  await page.getByLabel("Email address").fill(demoUser("gpAdmin").email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
  await axeAtBothWidths(page);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Your work/ })).toBeVisible();
  await page.goto("/account/sessions");
  await expect(page.getByRole("row").filter({ hasText: "This session" })).toContainText("Password and passkey");

  // Removing it (signed in moments ago, so no need to prove it is them again).
  await page.goto("/account/passkeys");
  await expect(row).not.toContainText("Not used yet");
  await row.getByRole("button", { name: "Remove the passkey Work laptop" }).click();
  await expect(page.getByRole("alert")).toContainText('The passkey "Work laptop" was removed');
  await expect(page.getByText("You have not added a passkey")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the sign-in page's passkey button is accessible, and a passkey the portal does not know is refused in words", async ({ page }) => {
  await addVirtualAuthenticator(page);
  await page.goto("/sign-in");
  await axeAtBothWidths(page);
  // The virtual authenticator holds no passkey for the portal: the browser's prompt fails, and the page says so.
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("link", { name: /Your browser did not use a passkey/ })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  await expect(page).toHaveURL(/\/sign-in$/);
});
