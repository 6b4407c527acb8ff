// The foundation, end to end in a real browser: signing in and out, the case front sheet, need-to-know 404s,
// form errors, adding people to a case and to an agency, deactivation and sessions. Every page is checked with axe.
import { expect, test, type Page } from "@playwright/test";
import {
  axeAtBothWidths,
  demoUser,
  emailedSignInLink,
  expectNoAxeViolations,
  mainText,
  newSignedInContext,
  setUpAuthenticatorApp,
  signIn,
  signedInAs,
} from "../support/e2e-fixtures";
import { outboxMailTo } from "../support/e2e-outbox";

test.describe.configure({ mode: "parallel" });

/** "14 May 2020 (6 years old)", worked out from today as the front sheet does. */
function dateOfBirthWithAge(isoDate: string, label: string): string {
  const dob = new Date(`${isoDate}T00:00:00Z`);
  const today = new Date();
  let years = today.getUTCFullYear() - dob.getUTCFullYear();
  if (today.getUTCMonth() < dob.getUTCMonth() || (today.getUTCMonth() === dob.getUTCMonth() && today.getUTCDate() < dob.getUTCDate()))
    years -= 1;
  return `${label} (${years} ${years === 1 ? "year" : "years"} old)`;
}

async function expectSignInPage(page: Page) {
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to the Partnership Portal" })).toBeVisible();
}

test("a police officer finds Lily's case, reads the front sheet and signs out", async ({ page }) => {
  await signIn(page, "police");

  await expect(page).toHaveURL("/");
  await expect(page).toHaveTitle("Your work – Partnership Portal");
  await expect(page.getByRole("heading", { level: 1, name: /Your work/ })).toBeVisible();
  await expect(signedInAs(page)).toHaveText("Alex Morgan, Kestrel Vale Police");
  const cases = page.getByRole("table", { name: "Cases you work on" });
  await expect(cases.getByRole("link", { name: "Lily Marsh" })).toBeVisible();
  await expectNoAxeViolations(page);

  await cases.getByRole("link", { name: "Lily Marsh" }).click();
  await expect(page).toHaveURL("/cases/1");
  await expect(page.getByRole("heading", { level: 1, name: "Lily Marsh" })).toBeVisible();
  await expect(page).toHaveTitle(/^Lily Marsh – SBC-2026-0147/);
  await expect(signedInAs(page)).toHaveText("Alex Morgan, Kestrel Vale Police");

  const child = page.locator("dl.govuk-summary-list");
  const childRow = (key: string) => child.locator(".govuk-summary-list__row").filter({ has: page.locator("dt", { hasText: key }) }).locator("dd");
  await expect(childRow("Date of birth")).toHaveText(dateOfBirthWithAge("2020-05-14", "14 May 2020"));
  await expect(childRow("NHS number")).toHaveText("999 000 0018");

  const family = page.getByRole("table", { name: "Family and network members" });
  const familyRow = (name: string) => family.getByRole("row").filter({ has: page.getByRole("cell", { name: new RegExp(`^${name}`) }) });
  await expect(familyRow("Kerry Marsh")).toContainText("Mother");
  await expect(familyRow("Kerry Marsh").getByRole("cell").nth(3)).toHaveText("Yes");
  await expect(familyRow("Dean Colt")).toContainText("Mother's partner");
  await expect(familyRow("Pat Marsh")).toContainText("Maternal grandmother (safety network)");
  await expect(familyRow("Pat Marsh")).toContainText("Safety network");
  await expect(familyRow("Jayden Marsh")).toContainText("Brother");

  const professionals = page.getByRole("table", { name: "Professionals working on the case" });
  for (const [name, agency] of [
    ["Sam Okafor", "Sandmere Borough Council Children's Services"],
    ["Alex Morgan", "Kestrel Vale Police"],
    ["Nadia Hussain", "Sandmere Community Health NHS Trust"],
    ["Emma Clarke", "Larkfield Primary School"],
  ]) {
    await expect(professionals.getByRole("row").filter({ hasText: name })).toContainText(agency);
  }
  await expectNoAxeViolations(page);

  const [signOut] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-out"),
    page.getByRole("button", { name: "Sign out" }).click(),
  ]);
  if (signOut.status() !== 302) expect.soft(await signOut.text(), "the POST /sign-out response").toBe("a redirect");
  expect(signOut.status(), "POST /sign-out redirects to the sign-in page").toBe(302);
  await expectSignInPage(page);
  await expect(page.getByText("You have signed out")).toBeVisible();
  await expect(signedInAs(page)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto("/");
  await expectSignInPage(page);
  await expect(page.getByText("You have signed out")).toHaveCount(0);
  await page.goto("/cases/1");
  await expectSignInPage(page);
  await expect(page).toHaveURL("/sign-in?next=%2Fcases%2F1");
});

test("the education DSL gets the same 'Page not found' for a case they are not on as for no case, and 403 for people", async ({ page }) => {
  await signIn(page, "education");
  await expect(signedInAs(page)).toHaveText("Emma Clarke, Larkfield Primary School");
  const cases = page.getByRole("table", { name: "Cases you work on" });
  await expect(cases.getByRole("link", { name: "Lily Marsh" })).toBeVisible();
  await expect(cases.getByRole("link", { name: "Jayden Marsh" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const notOnIt = await page.goto("/cases/2");
  expect(notOnIt?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found – Partnership Portal");
  await expect(page.getByText("Jayden")).toHaveCount(0);
  const notOnItText = await mainText(page);
  const notOnItTitle = await page.title();
  await expectNoAxeViolations(page);

  const missing = await page.goto("/cases/999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  expect(await mainText(page)).toBe(notOnItText);
  expect(await page.title()).toBe(notOnItTitle);
  await expectNoAxeViolations(page);

  for (const path of ["/people", "/people/new"]) {
    const refused = await page.goto(path);
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You cannot do this" })).toBeVisible();
    await expect(page).toHaveTitle("You cannot do this – Partnership Portal");
    await expectNoAxeViolations(page);
  }
});

test("sign-in errors use the GOV.UK error summary", async ({ page }) => {
  await page.goto("/sign-in");
  await expectSignInPage(page);
  await expect(page).toHaveTitle("Sign in – Partnership Portal");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toHaveAttribute("href", "#email");
  await expect(summary.getByRole("link", { name: "Enter your password" })).toHaveAttribute("href", "#password");
  await expect(page).toHaveTitle("Error: Sign in – Partnership Portal");
  await expect(page.locator("#email-error")).toHaveText("Error: Enter your email address");
  await expect(page.locator("#password-error")).toHaveText("Error: Enter your password");
  await expectNoAxeViolations(page);
  await summary.getByRole("link", { name: "Enter your password" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();

  const email = demoUser("education").email;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(summary.getByRole("link", { name: "Enter a correct email address and password" })).toBeVisible();
  await expect(summary.getByRole("link")).toHaveCount(1);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page).toHaveTitle("Error: Sign in – Partnership Portal");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page).toHaveURL("/sign-in");
  await expectNoAxeViolations(page);
});

test("a social worker adds a family member: an invalid NHS number is refused, a valid one is added", async ({ page }) => {
  await signIn(page, "socialWorker");
  await page.goto("/cases/1");
  await expect(page.getByRole("heading", { level: 1, name: "Lily Marsh" })).toBeVisible();
  await page.getByRole("link", { name: "Add a family or network member" }).click();
  await expect(page).toHaveURL("/cases/1/people/new");
  await expect(page.getByRole("heading", { level: 1, name: /Add a family or network member/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const name = "Rosa Finch";
  await page.getByRole("radio", { name: "A family member" }).check();
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Relationship to Lily Marsh").fill("Maternal aunt");
  await page.getByLabel("Day").fill("3");
  await page.getByLabel("Month").fill("11");
  await page.getByLabel("Year").fill("1990");
  await page.getByLabel("NHS number (optional)").fill("9990000019");
  await page.getByRole("button", { name: "Add to the case" }).click();

  const summary = page.locator(".govuk-error-summary");
  // The answer can be slow while the other workers' browsers load the two cores: more than the default 10 s.
  await expect(summary.getByRole("link", { name: "Enter a valid NHS number, like 999 000 0018 (10 digits)" })).toHaveAttribute(
    "href",
    "#nhsNumber",
    { timeout: 30_000 },
  );
  await expect(summary.getByRole("link")).toHaveCount(1);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page).toHaveURL("/cases/1/people/new");
  await expect(page.getByLabel("Full name")).toHaveValue(name);
  await expect(page.getByLabel("NHS number (optional)")).toHaveValue("9990000019");
  await expectNoAxeViolations(page);

  // Nothing was added: the front sheet, read in another tab, does not have her.
  const sheet = await page.context().newPage();
  await sheet.goto("/cases/1");
  await expect(sheet.getByRole("heading", { level: 1, name: "Lily Marsh" })).toBeVisible();
  await expect(sheet.getByRole("table", { name: "Family and network members" }).getByText(name)).toHaveCount(0);
  await sheet.close();

  await expect(page.getByRole("radio", { name: "A family member" })).toBeChecked();
  await page.getByLabel("NHS number (optional)").fill("999 000 0034");
  await page.getByRole("button", { name: "Add to the case" }).click();
  await expect(page).toHaveURL("/cases/1#people");
  const row = page.getByRole("table", { name: "Family and network members" }).getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("NHS 999 000 0034");
  await expect(row).toContainText("Maternal aunt");
  await expect(row).toContainText(dateOfBirthWithAge("1990-11-03", "3 November 1990"));
  await expect(row).toContainText("Family");
  await expectNoAxeViolations(page);
});

test("an agency administrator invites a person, who chooses their own password from the email; deactivating asks for a reason", async ({ page, browser }) => {
  // Two people, an email, six pages each checked with axe: more than the default 30 s on a busy two-core machine.
  test.setTimeout(90_000);
  await signIn(page, "policeAdmin");
  await expect(signedInAs(page)).toHaveText("Jo Price, Kestrel Vale Police");
  await page.getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL("/people");
  await expect(page.getByRole("heading", { level: 1, name: /People/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Add a person" }).click();
  await expect(page).toHaveURL("/people/new");
  await expectNoAxeViolations(page);

  const fullName = "Casey Lane";
  const email = `casey.lane.${Date.now().toString(36)}@kestrelvale-police.example`;
  await page.getByLabel("Full name").fill(fullName);
  await page.getByLabel("Work email address").fill(email);
  await page.getByLabel("Job title (optional)").fill("Detective sergeant, MASH");
  await page.getByRole("radio", { name: "Practitioner" }).check();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${fullName} has been added` })).toBeVisible();
  await expect(page.getByText(`We have sent an invitation to ${email}`)).toBeVisible();
  await expect(page.getByTestId("temporary-password")).toHaveCount(0);
  await expectNoAxeViolations(page);

  const link = await emailedSignInLink(email);
  expect(await page.content()).not.toContain(link);
  const newcomer = await browser.newContext();
  const theirPage = await newcomer.newPage();
  try {
    await theirPage.goto(link);
    await expect(theirPage.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
    await expect(theirPage.getByText(`You sign in as ${email}`)).toBeVisible();
    await expectNoAxeViolations(theirPage);
    const newPassword = "harbour lantern quietly 42";
    await theirPage.getByLabel("New password", { exact: true }).fill(newPassword);
    await theirPage.getByLabel("Confirm new password").fill(`${newPassword}!`);
    await theirPage.getByRole("button", { name: "Save password and sign in" }).click();
    await expect(theirPage.getByRole("link", { name: "The passwords do not match" })).toBeVisible();
    await expectNoAxeViolations(theirPage);
    await theirPage.getByLabel("New password", { exact: true }).fill(newPassword);
    await theirPage.getByLabel("Confirm new password").fill(newPassword);
    await theirPage.getByRole("button", { name: "Save password and sign in" }).click();
    // A password is the first step: a second factor is set up before anything opens (decision 056).
    const recoveryCodes = await setUpAuthenticatorApp(theirPage);
    await expect(signedInAs(theirPage)).toHaveText(`${fullName}, Kestrel Vale Police`);

    // Signing in again: the password, then (the phone left at home) a recovery code, which works once.
    await theirPage.getByRole("button", { name: "Sign out" }).click();
    await signIn(theirPage, "", { email, password: newPassword });
    await expect(theirPage.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
    await expectNoAxeViolations(theirPage);
    await theirPage.getByRole("link", { name: "I cannot use my authenticator app" }).click();
    await theirPage.getByLabel("Recovery code").fill(recoveryCodes[0]);
    await expectNoAxeViolations(theirPage);
    await theirPage.getByRole("button", { name: "Continue" }).click();
    await expect(theirPage.getByRole("heading", { level: 1, name: /Your work/ })).toBeVisible();

    // The link worked once.
    const again = await newcomer.newPage();
    await again.goto(link);
    await expect(again.getByRole("heading", { level: 1, name: "This link has already been used" })).toBeVisible();
    await expectNoAxeViolations(again);
    await again.close();

    await page.getByRole("link", { name: "Back to people" }).click();
    await expect(page).toHaveURL("/people");
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Active");
    await row.getByRole("link", { name: `Deactivate ${fullName}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Deactivate ${fullName}?` })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: `Deactivate ${fullName}` }).click();
    await expect(page.getByRole("link", { name: "Enter why you are deactivating this person" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Why are you deactivating them?").fill("Moved to another force");
    await page.getByRole("button", { name: `Deactivate ${fullName}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${fullName} has been deactivated` })).toBeVisible();
    await page.getByRole("link", { name: "Back to people" }).click();
    await expect(row).toContainText("Deactivated");
    await expect(row.getByRole("button", { name: `Reactivate ${fullName}` })).toBeVisible();
    await expectNoAxeViolations(page);

    await theirPage.reload();
    await expectSignInPage(theirPage);
    await expect(signedInAs(theirPage)).toHaveCount(0);
  } finally {
    await newcomer.close();
  }
});

test("the sessions page shows this session and signs out another", async ({ page, browser }) => {
  // The sessions counted here are this test's own: a person no other test signs in as (the early help practitioner),
  // and any session an earlier run of this test left behind is signed out first.
  await signIn(page, "earlyHelpWorker");
  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page).toHaveURL("/account/sessions");
  const sessions = page.getByRole("table", { name: "Your active sessions" });
  const rows = sessions.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const signOutOthers = page.getByRole("button", { name: "Sign out of all other sessions" });
  if (await signOutOthers.isVisible()) {
    await signOutOthers.click();
    await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  }
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByText("This session")).toBeVisible();
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  await expectNoAxeViolations(page);

  const other = await newSignedInContext(browser, "earlyHelpWorker");
  try {
    await page.reload();
    await expect(rows).toHaveCount(2);
    await expect(sessions.getByText("This session")).toHaveCount(1);
    const otherRow = rows.filter({ hasNot: page.getByText("This session") });
    await expectNoAxeViolations(page);

    await otherRow.getByRole("button", { name: /^Sign out/ }).click();
    await expect(page.getByText("The session was signed out")).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByText("This session")).toBeVisible();
    await expectNoAxeViolations(page);

    await other.page.goto("/account/sessions");
    await expectSignInPage(other.page);

    await page.reload();
    await expect(page).toHaveURL("/account/sessions");
    await expect(rows).toHaveCount(1);
  } finally {
    await other.context.close();
  }
});

test("a sign-in from a second browser is emailed; the person and their administrator read the sign-in activity", async ({ page, browser }) => {
  test.slow(); // four pages, each checked with axe at two widths
  // Chris Lowe (health's administrator) is signed in by no other end-to-end test.
  const email = demoUser("healthAdmin").email;
  await signIn(page, "healthAdmin", { axe: false });
  const other = await newSignedInContext(browser, "healthAdmin");
  await other.context.close();
  const port = Number(process.env.PORT_E2E || 3123);
  await expect
    .poll(async () => (await outboxMailTo(port, email)).filter((mail) => mail.subject === "New sign-in to your Partnership Portal account").length)
    .toBeGreaterThanOrEqual(1);

  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("columnheader", { name: "Signed in with" })).toBeVisible();
  await page.getByRole("link", { name: "See your sign-in activity" }).click();
  await expect(page).toHaveURL("/account/activity");
  await expect(page).toHaveTitle("Your sign-in activity – Partnership Portal");
  const yours = page.getByRole("table", { name: "Your sign-in activity" });
  await expect(yours.getByRole("cell", { name: "Done: from a browser not used before, emailed to them" }).first()).toBeVisible();
  await axeAtBothWidths(page);

  await page.getByRole("link", { name: "People" }).click();
  await page.getByRole("link", { name: "See sign-in activity in your agency" }).click();
  await expect(page).toHaveURL("/people/activity");
  const agency = page.getByRole("table", { name: "Sign-in activity at Sandmere Community Health NHS Trust" });
  await expect(agency.getByRole("cell", { name: "Chris Lowe" }).first()).toBeVisible();
  await axeAtBothWidths(page);
});
