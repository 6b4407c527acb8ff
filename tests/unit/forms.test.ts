// The forms as a browser submits them (real FormData, every field a string, empty fields sent as ""), and the
// GOV.UK-style messages a person sees in the error summary.
import { afterEach, describe, expect, test, vi } from "vitest";
import { casePersonSchema } from "../../common/forms/case-person";
import { parseForm } from "../../common/forms/form-errors";
import { changePasswordSchema } from "../../common/forms/password";
import { personSchema } from "../../common/forms/person";
import { signInSchema } from "../../common/forms/sign-in";

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const tenKilobytes = "x".repeat(10 * 1024);

afterEach(() => {
  vi.useRealTimers();
});

describe("adding a person to a case", () => {
  // What the "Add a person" page sends when nothing is filled in.
  const blank = {
    kind: "",
    fullName: "",
    relationship: "",
    dobDay: "",
    dobMonth: "",
    dobYear: "",
    nhsNumber: "",
    parentalResponsibility: "no",
    address: "",
    school: "",
  };
  const lily = { ...blank, kind: "child", fullName: "Lily Marsh", dobDay: "14", dobMonth: "5", dobYear: "2019" };
  const kerry = { ...blank, kind: "family", fullName: "Kerry Marsh", relationship: "Mother", parentalResponsibility: "yes" };

  test("a child with a date of birth and an NHS number typed with spaces is accepted and stored plainly", () => {
    const result = parseForm(casePersonSchema, formData({ ...lily, nhsNumber: "999 000 0018", school: "Larkfield Primary School" }));
    expect(result).toEqual({
      success: true,
      data: {
        kind: "child",
        fullName: "Lily Marsh",
        relationship: "",
        dateOfBirth: "2019-05-14",
        nhsNumber: "9990000018",
        parentalResponsibility: false,
        address: "",
        school: "Larkfield Primary School",
      },
    });
  });

  test("a family member with parental responsibility and no date of birth or NHS number is accepted", () => {
    const result = parseForm(casePersonSchema, formData(kerry));
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data.dateOfBirth).toBeNull();
      expect(result.data.nhsNumber).toBeNull();
      expect(result.data.parentalResponsibility).toBe(true);
      expect(result.data.relationship).toBe("Mother");
    }
  });

  test("an empty form asks for the kind of person and their name", () => {
    const result = parseForm(casePersonSchema, formData(blank));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors.kind).toBe("Select whether this is a child, a family member or a member of the safety network");
      expect(result.errors.fullName).toBe("Enter the person's full name");
    }
  });

  test("a name of only spaces counts as empty", () => {
    const result = parseForm(casePersonSchema, formData({ ...lily, fullName: "   " }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.fullName).toBe("Enter the person's full name");
  });

  test("a 10 KB name or address is refused with the limit, and what was typed is kept for the page", () => {
    const result = parseForm(casePersonSchema, formData({ ...kerry, fullName: tenKilobytes, address: tenKilobytes }));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors.fullName).toBe("Full name must be 200 characters or fewer");
      expect(result.errors.address).toBe("Address must be 500 characters or fewer");
      expect(result.values.fullName).toBe(tenKilobytes);
    }
  });

  test("a 10 KB relationship or school is refused with the limit", () => {
    const result = parseForm(casePersonSchema, formData({ ...kerry, relationship: tenKilobytes, school: tenKilobytes }));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors.relationship).toBe("Relationship must be 200 characters or fewer");
      expect(result.errors.school).toBe("School or setting must be 200 characters or fewer");
    }
  });

  test.each(["family", "network"])("a %s member must have their relationship to the child", (kind) => {
    const result = parseForm(casePersonSchema, formData({ ...kerry, kind, relationship: "" }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.relationship).toBe("Enter their relationship to the child");
  });

  test("a child needs no relationship", () => {
    expect(parseForm(casePersonSchema, formData({ ...lily, relationship: "" })).success).toBe(true);
  });

  test.each(["123", "9990000019", "999 000 001", "NHS 999 000 0018", "9990000000"])(
    "NHS number %j is refused with an example of a valid one",
    (nhsNumber) => {
      const result = parseForm(casePersonSchema, formData({ ...lily, nhsNumber }));
      expect(result.success).toBe(false);
      if (!result.success) expect(result.errors.nhsNumber).toBe("Enter a valid NHS number, like 999 000 0018 (10 digits)");
    },
  );

  test.each([
    ["31 February", { dobDay: "31", dobMonth: "2", dobYear: "2020" }],
    ["29 February in a year that is not a leap year", { dobDay: "29", dobMonth: "2", dobYear: "2019" }],
    ["month 13", { dobDay: "1", dobMonth: "13", dobYear: "2020" }],
    ["day 0", { dobDay: "0", dobMonth: "5", dobYear: "2020" }],
    ["a two-digit year", { dobDay: "14", dobMonth: "5", dobYear: "19" }],
    ["words", { dobDay: "fourteen", dobMonth: "May", dobYear: "2019" }],
  ])("an impossible date of birth (%s) is refused", (_, date) => {
    const result = parseForm(casePersonSchema, formData({ ...lily, ...date }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.dobDay).toBe("Date of birth must be a real date, like 27 3 2019");
  });

  test.each([
    ["a year only", { dobDay: "", dobMonth: "", dobYear: "2019" }],
    ["a day and month but no year", { dobDay: "14", dobMonth: "5", dobYear: "" }],
  ])("a date of birth with a part missing (%s) asks for all three", (_, date) => {
    const result = parseForm(casePersonSchema, formData({ ...lily, ...date }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.dobDay).toBe("Date of birth must include a day, month and year");
  });

  test("29 February in a leap year is a real date", () => {
    const result = parseForm(casePersonSchema, formData({ ...lily, dobDay: "29", dobMonth: "2", dobYear: "2020" }));
    expect(result.success && result.data.dateOfBirth).toBe("2020-02-29");
  });

  test("a date of birth in the future is refused", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-03-10T12:00:00Z"));
    const result = parseForm(casePersonSchema, formData({ ...lily, dobDay: "11", dobMonth: "3", dobYear: "2025" }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.dobDay).toBe("Date of birth must be today or in the past");
  });

  test("a baby born today is accepted", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-03-10T09:00:00Z"));
    const result = parseForm(casePersonSchema, formData({ ...lily, dobDay: "10", dobMonth: "3", dobYear: "2025" }));
    expect(result.success && result.data.dateOfBirth).toBe("2025-03-10");
  });

  test("a baby born today is accepted just after midnight in British Summer Time", () => {
    // 00:30 on 1 June 2025 in England is 23:30 on 31 May in UTC. An out-of-hours social worker adding a newborn
    // then types today's date, 1 6 2025.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-06-01T00:30:00+01:00"));
    const result = parseForm(casePersonSchema, formData({ ...lily, dobDay: "1", dobMonth: "6", dobYear: "2025" }));
    expect(result.success && result.data.dateOfBirth).toBe("2025-06-01");
  });

  test("a date of birth before 1900 is refused", () => {
    const result = parseForm(casePersonSchema, formData({ ...kerry, dobDay: "1", dobMonth: "1", dobYear: "1899" }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.dobDay).toBe("Date of birth must be after 1900");
  });

  test("a form with several mistakes lists every one of them at once, as the GOV.UK error summary does", () => {
    // A family member with no relationship AND an impossible date of birth: the person should not fix one, submit,
    // and only then be told about the other.
    const result = parseForm(
      casePersonSchema,
      formData({ ...kerry, relationship: "", dobDay: "31", dobMonth: "2", dobYear: "2020" }),
    );
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.errors).toEqual({
        relationship: "Enter their relationship to the child",
        dobDay: "Date of birth must be a real date, like 27 3 2019",
      });
  });

  test("an empty name, a missing relationship and a bad NHS number are listed together", () => {
    const result = parseForm(casePersonSchema, formData({ ...kerry, fullName: "", relationship: "", nhsNumber: "123" }));
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.errors).toEqual({
        fullName: "Enter the person's full name",
        relationship: "Enter their relationship to the child",
        nhsNumber: "Enter a valid NHS number, like 999 000 0018 (10 digits)",
      });
  });
});

describe("an administrator adding a person to their agency", () => {
  const alex = {
    fullName: "Alex Morgan",
    email: "alex.morgan@kestrelvale.police.example",
    jobTitle: "Detective Sergeant",
    role: "practitioner",
  };

  test("a complete form is accepted", () => {
    expect(parseForm(personSchema, formData(alex))).toEqual({ success: true, data: alex });
  });

  test("an empty form asks for the name, the email address and the role", () => {
    const result = parseForm(personSchema, formData({ fullName: "", email: "", jobTitle: "", role: "" }));
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.errors).toEqual({
        fullName: "Enter the person's full name",
        email: "Enter the person's work email address",
        role: "Select the person's role",
      });
  });

  test.each(["alex.morgan", "alex@police", "alex morgan@police.example", "<alex@police.example>", "@police.example"])(
    "email address %j is refused with an example",
    (email) => {
      const result = parseForm(personSchema, formData({ ...alex, email }));
      expect(result.success).toBe(false);
      if (!result.success) expect(result.errors.email).toBe("Enter an email address in the correct format, like name@example.org");
    },
  );

  test("a role the portal does not have is refused", () => {
    const result = parseForm(personSchema, formData({ ...alex, role: "superuser" }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.role).toBe("Select the person's role");
  });

  test("a 10 KB name or job title is refused with the limit", () => {
    const result = parseForm(personSchema, formData({ ...alex, fullName: tenKilobytes, jobTitle: tenKilobytes }));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors.fullName).toBe("Full name must be 200 characters or fewer");
      expect(result.errors.jobTitle).toBe("Job title must be 200 characters or fewer");
    }
  });

  test("a 10 KB email address is refused with the limit", () => {
    const result = parseForm(personSchema, formData({ ...alex, email: `${tenKilobytes}@police.example` }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.email).toBe("Email address must be 320 characters or fewer");
  });
});

describe("signing in", () => {
  test("an empty form asks for both", () => {
    const result = parseForm(signInSchema, formData({ email: "", password: "" }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors).toEqual({ email: "Enter your email address", password: "Enter your password" });
  });

  test("the password is never sent back to the page; the email address is", () => {
    const result = parseForm(signInSchema, formData({ email: "", password: "correct horse battery staple" }));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.values.password).toBe("");
      expect(JSON.stringify(result)).not.toContain("correct horse");
    }
    const noPassword = parseForm(signInSchema, formData({ email: "alex.morgan@kestrelvale.police.example", password: "" }));
    if (!noPassword.success) expect(noPassword.values.email).toBe("alex.morgan@kestrelvale.police.example");
  });

  test("a 10 KB password is refused with the limit, and not echoed", () => {
    const result = parseForm(signInSchema, formData({ email: "alex.morgan@kestrelvale.police.example", password: tenKilobytes }));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors.password).toBe("Password must be 200 characters or fewer");
      expect(result.values.password).toBe("");
    }
  });

  test("a password made of spaces is a password: it is not trimmed", () => {
    const result = parseForm(signInSchema, formData({ email: "a@b.example", password: "  secret  " }));
    expect(result.success && result.data.password).toBe("  secret  ");
  });
});

describe("changing a password", () => {
  test("a good change is accepted", () => {
    const result = parseForm(
      changePasswordSchema,
      formData({ currentPassword: "old sandmere pass", newPassword: "new kestrel vale pass", confirmPassword: "new kestrel vale pass" }),
    );
    expect(result.success).toBe(true);
  });

  test("a short new password and a mismatched confirmation are both explained", () => {
    const result = parseForm(changePasswordSchema, formData({ currentPassword: "", newPassword: "short", confirmPassword: "other" }));
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.errors).toEqual({
        currentPassword: "Enter your current password",
        newPassword: "New password must be 12 characters or more",
        confirmPassword: "The passwords do not match",
      });
  });

  test("the new password must differ from the current one", () => {
    const same = "the same old password";
    const result = parseForm(changePasswordSchema, formData({ currentPassword: same, newPassword: same, confirmPassword: same }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.newPassword).toBe("New password must be different from your current password");
  });

  test("a 10 KB new password is refused with the limit", () => {
    const result = parseForm(
      changePasswordSchema,
      formData({ currentPassword: "old sandmere pass", newPassword: tenKilobytes, confirmPassword: tenKilobytes }),
    );
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.newPassword).toBe("New password must be 200 characters or fewer");
  });

  test("none of the three passwords is ever sent back to the page", () => {
    const result = parseForm(
      changePasswordSchema,
      formData({ currentPassword: "old sandmere pass", newPassword: "new kestrel vale pass", confirmPassword: "new kestrel vale pas" }),
    );
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.values).toEqual({ currentPassword: "", newPassword: "", confirmPassword: "" });
      expect(JSON.stringify(result)).not.toMatch(/sandmere|kestrel/);
    }
  });
});

describe("a hand-made request with fields missing altogether", () => {
  test("gets the same plain-English messages as an empty form", () => {
    const result = parseForm(signInSchema, new FormData());
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors).toEqual({ email: "Enter your email address", password: "Enter your password" });
  });
});
