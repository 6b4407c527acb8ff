// The page that convenes a conference (initial or review): the clock it must meet, when and how it is held, why,
// who chairs it, the professionals invited by agency, the family members who attend, and why it is late if it is.
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors } from "../../common/forms/form-errors";
import { meetingKindNames } from "../../common/meeting-kinds";
import { CheckboxGroups } from "./checkbox-groups";
import { ConvenePage, ConveneWhen, ConveneWho } from "./convene-fields";
import { answersOf, TextArea } from "./forms";
import { ProblemSummary } from "./banners";

const fieldOrder = ["form", "heldOnDay", "heldTime", "how", "concern", "chairUserId", "invitee", "family", "lateReason"];

type ConveningPage = {
  caseId: number;
  reference: string;
  childName: string;
  you: number;
  problem: string | null;
  convening: {
    kind: "initial_conference" | "review_conference";
    chairs: { userId: number; label: string }[];
    members: { userId: number; fullName: string; roleOnCase: string; agencyId: string; agencyName: string }[];
    family: { personId: number; fullName: string; relationship: string }[];
    setting: string | null;
    concern: string;
    due: { on: string; explains: string; from: string };
  } | null;
};
type ConveningAnswer = { errors?: FieldErrors; values?: Record<string, string>; invited?: number[]; family?: number[] } | undefined;

export function ConveneConference() {
  const page = useLoaderData() as ConveningPage;
  const actionData = useActionData() as ConveningAnswer;
  const { errors, values } = answersOf(actionData);
  const convening = page.convening;
  const title = convening ? `Convene the ${meetingKindNames[convening.kind].toLowerCase()}` : "Convene a conference";
  const sentFamily = actionData?.family ? new Set(actionData.family) : null;
  return (
    <ConvenePage caseId={page.caseId} caption={`${page.childName} · ${page.reference}`} title={title} errors={errors} order={fieldOrder}>
      {!convening ? (
        <ProblemSummary message={page.problem ?? "This conference cannot be convened"} />
      ) : (
        <>
          <div className="govuk-inset-text" data-testid="conference-due">
            {`To be held by ${convening.due.on}: ${convening.due.explains} (${convening.due.from}). A later date needs the reason recorded.`}
          </div>
          <Form method="post" noValidate>
            <ConveneWhen errors={errors} values={values} />
            <TextArea
              name="concern"
              label="Why the conference is held"
              hint="The concern it is held about, as the family and the professionals will read it if the chair gives it to the family."
              error={errors?.concern}
              defaultValue={values.concern ?? convening.concern}
            />
            <ConveneWho
              errors={errors}
              values={values}
              chairs={convening.chairs}
              you={page.you}
              members={convening.members}
              invited={actionData?.invited ? new Set(actionData.invited) : null}
              hint={`Children's social care, the police and health must take part${
                convening.setting ? `, and education: ${page.childName} attends ${convening.setting}` : ""
              }. Each person invited sees the conference on their work at once.`}
            />
            {convening.family.length ? (
              <CheckboxGroups
                name="family"
                id="family"
                legend="Who of the family attends?"
                hint="The family and network recorded on the case. They are recorded as people here; they do not sign in."
                error={errors?.family}
                options={convening.family.map((person) => ({
                  value: String(person.personId),
                  label: `${person.fullName}${person.relationship ? `, ${person.relationship}` : ""}`,
                  group: "Family and network",
                  checked: sentFamily ? sentFamily.has(person.personId) : false,
                }))}
              />
            ) : null}
            <TextArea
              name="lateReason"
              label="If it is held after its due date, why"
              hint={`Needed only for a date after ${convening.due.on}.`}
              error={errors?.lateReason}
              defaultValue={values.lateReason}
              rows={2}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Convene the conference
            </button>
          </Form>
        </>
      )}
    </ConvenePage>
  );
}
