// The school's designated safeguarding lead refers Lily through the front door's question pages: saves and comes
// back from "Your work", is refused consent "not asked" without why, checks the answers and sends; every new page
// passes axe at desktop width and on a 375 px screen, where nothing may be wider than the screen.
import { expect, test, type Page } from "@playwright/test";
import { axeAtBothWidths, signIn } from "../support/e2e-fixtures";

/** The page as it is, once its heading shows, at both widths. */
async function passesAtBothWidths(page: Page) {
  await expect(page.locator("h1").first()).toBeVisible();
  await axeAtBothWidths(page);
}

const continueButton = (page: Page) => page.getByRole("button", { name: "Save and continue" });

test("the school refers Lily: question pages, save and return, check answers, send", async ({ page }) => {
  // Eleven pages, each checked by axe twice, beside the other worker's browsers.
  test.setTimeout(240_000);
  await signIn(page, "education", { axe: false });
  await page.goto("/");
  await page.getByRole("button", { name: "Make a referral" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Make a referral" })).toBeVisible();
  await passesAtBothWidths(page);
  await page.getByRole("button", { name: "Start now" }).click();

  // The child.
  await expect(page.getByRole("heading", { level: 1, name: /Which child or children/ })).toBeVisible();
  await passesAtBothWidths(page);
  await page.getByLabel("Child's full name").fill("Lily Marsh");
  await page.getByRole("radio", { name: "Yes" }).check();
  const dob = page.getByRole("group", { name: "Date of birth, if born" });
  await dob.getByLabel("Day").fill("14");
  await dob.getByLabel("Month").fill("5");
  await dob.getByLabel("Year").fill("2019");
  await page.getByLabel("Child's address (optional)").fill("7 Gull Lane, Sandmere SM1 4QT");
  await page.getByLabel("School, nursery or setting (optional)").fill("Larkfield Primary School");
  await continueButton(page).click();

  // The family: one person added, then saved to come back later.
  await expect(page.getByRole("heading", { level: 1, name: /Who is in the family/ })).toBeVisible();
  await passesAtBothWidths(page);
  await page.getByLabel("Full name").fill("Kerry Marsh");
  await page.getByLabel("Relationship to the child").fill("Mother");
  await page.getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("button", { name: "Save and add another person" }).click();
  await expect(page.getByTestId("family-added")).toContainText("Kerry Marsh");
  await passesAtBothWidths(page);
  await page.getByRole("button", { name: "Save and come back later" }).click();

  // Your work keeps the draft; continuing opens "Check your answers", where each answer is changed.
  await expect(page.getByTestId("your-referrals")).toContainText("Draft, not sent");
  await passesAtBothWidths(page);
  await page.getByTestId("your-referrals").getByRole("link", { name: /Continue draft/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Check your answers/ })).toBeVisible();
  await page.getByRole("link", { name: "Change what you are worried about" }).click();

  await expect(page.getByRole("heading", { level: 1, name: /What happened/ })).toBeVisible();
  await passesAtBothWidths(page);
  await page.getByLabel("What happened (optional)").fill("Lily came to school hungry with a bruise on her arm.");
  await page.getByLabel("What are you worried about?").fill("Lily says her mum's partner shouts and hits.");
  await continueButton(page).click();

  // Back at check answers; the rest is answered in order from the next question.
  await expect(page.getByRole("heading", { level: 1, name: /Check your answers/ })).toBeVisible();
  await page.getByRole("link", { name: "Change what you have done" }).click();
  await passesAtBothWidths(page);
  await page.getByLabel("What you have done (optional)").fill("Spoke to Lily with the head teacher.");
  await continueButton(page).click();

  await page.getByRole("link", { name: "Change whether the family knows" }).click();
  await passesAtBothWidths(page);
  await page.getByRole("radio", { name: "No" }).check();
  await page.getByLabel("If not, why not (optional)").fill("Telling them could put Lily at greater risk.");
  await continueButton(page).click();

  // Consent "not asked" without why is refused, with the GOV.UK error summary.
  await page.getByRole("link", { name: "Change consent" }).click();
  await page.getByRole("radio", { name: "Not asked" }).check();
  await continueButton(page).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter why you did not ask for consent");
  await passesAtBothWidths(page);
  await page.getByRole("radio", { name: "Not asked" }).check();
  await page.getByLabel("If not asked, why you did not ask for consent").fill("Asking would put Lily at risk of harm.");
  await continueButton(page).click();

  // The referrer's details start from the account; the telephone number is added.
  await page.getByRole("link", { name: "Change your telephone number" }).click();
  await expect(page.getByTestId("referrer-agency")).toContainText("Larkfield Primary School");
  await expect(page.getByLabel("Email address")).toHaveValue("emma.clarke@larkfield-school.example");
  await passesAtBothWidths(page);
  await page.getByLabel("Telephone number").fill("01632 960 001");
  await continueButton(page).click();

  const answers = page.getByTestId("referral-answers");
  await expect(answers).toContainText("mum's partner shouts");
  await expect(answers).toContainText("Not asked: Asking would put Lily at risk of harm.");
  await expect(page.getByTestId("referral-children")).toContainText("Born 14 May 2019");
  await passesAtBothWidths(page);
  await page.getByRole("button", { name: "Accept and send" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Referral sent" })).toBeVisible();
  await expect(page.getByTestId("referral-status")).toContainText("Received, waiting for screening");
  await passesAtBothWidths(page);

  await page.getByRole("link", { name: "Back to your work" }).click();
  await expect(page.getByTestId("your-referrals")).toContainText("Received, waiting for screening");
  await expect(page.getByTestId("your-referrals")).toContainText("Lily Marsh");
});
