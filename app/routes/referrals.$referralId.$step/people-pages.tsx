// The question pages that list people: the children the referral is about, and their family and who lives with them.
// Each lists those added so far (each with its "Remove" button) above the fields for one more.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate } from "../../../common/format";
import { formatNhsNumber } from "../../../common/nhs-number";
import { EXPECTED_MONTHS_AHEAD } from "../../../common/forms/referrals";
import { DateInput, Radios, TextInput, yesNo, type fieldsOf } from "../../components/forms";
import { Hidden } from "../../components/page";
import { SummaryList, SummaryRow } from "../../components/summary-list";
import type { StepData } from "./route";

export type Answers = {
  errors: Record<string, string> | undefined;
  values: Record<string, string>;
  field: ReturnType<typeof fieldsOf>;
  referral: StepData["referral"];
};

/** A person added so far, with the button that removes them. */
function Listed({ id, name, children }: { id: number; name: string; children: ReactNode }) {
  return (
    <SummaryRow
      label={name}
      actions={
        <Form method="post">
          <input type="hidden" name="id" value={id} />
          <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Remove<Hidden> {name}</Hidden>
          </button>
        </Form>
      }
    >
      {children}
    </SummaryRow>
  );
}

export const childBirthWords = (child: { dateOfBirth: string | null; expectedOn: string | null }) =>
  child.dateOfBirth ? `Born ${formatDate(child.dateOfBirth)}` : `Unborn, expected ${formatDate(child.expectedOn)}`;

export function ChildPage({ referral }: Answers) {
  if (!referral.children.length) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Children you have added</h2>
      <SummaryList testId="children-added">
        {referral.children.map((child) => (
          <Listed key={child.id} id={child.id} name={child.fullName}>
            {[childBirthWords(child), child.nhsNumber ? `NHS number ${formatNhsNumber(child.nhsNumber)}` : "", child.address, child.school].filter(Boolean).join(". ")}
          </Listed>
        ))}
      </SummaryList>
      <h2 className="govuk-heading-m">Add another child, or continue</h2>
    </>
  );
}

export function FamilyPage({ referral }: Answers) {
  return referral.household.length ? (
    <>
      <h2 className="govuk-heading-m">Family members you have added</h2>
      <SummaryList testId="family-added">
        {referral.household.map((member) => (
          <Listed key={member.id} id={member.id} name={member.fullName}>
            {`${member.relationship}. ${member.livesWithChild ? "Lives with the child" : "Does not live with the child"}`}
          </Listed>
        ))}
      </SummaryList>
      <h2 className="govuk-heading-m">Add another person, or continue</h2>
    </>
  ) : (
    <p className="govuk-body">Add the child's parents or carers, brothers and sisters, and anyone else who lives with the child, one at a time.</p>
  );
}

export function NewPersonFields({ step, errors, values, field }: Answers & { step: "child" | "family" }) {
  if (step === "family")
    return (
      <>
        <TextInput {...field("fullName")} label="Full name" autoComplete="off" />
        <TextInput {...field("relationship")} label="Relationship to the child" hint="For example: mother, mother's partner, older brother" />
        <Radios {...field("livesWithChild")} legend="Do they live with the child?" inline options={yesNo} />
      </>
    );
  return (
    <>
      <TextInput {...field("fullName")} label="Child's full name" autoComplete="off" />
      <Radios
        {...field("born")}
        legend="Has the child been born?"
        options={[
          { value: "yes", label: "Yes", hint: "Give their date of birth" },
          { value: "no", label: "No, the child is unborn", hint: `Give the expected date, within the next ${EXPECTED_MONTHS_AHEAD} months` },
        ]}
      />
      <DateInput prefix="dob" legend="Date of birth, if born" hint="For example, 27 3 2019" error={errors?.dobDay} values={values} />
      <DateInput prefix="due" legend="Expected date, if unborn" hint="For example, 27 3 2027" error={errors?.dueDay} values={values} />
      <TextInput {...field("nhsNumber")} label="NHS number (if known)" hint="10 digits, for example 999 000 0018. An unborn child has none yet." inputMode="numeric" width="10" spellCheck={false} autoComplete="off" />
      <TextInput {...field("address")} label="Child's address (optional)" autoComplete="off" />
      <TextInput {...field("school")} label="School, nursery or setting (optional)" />
    </>
  );
}
