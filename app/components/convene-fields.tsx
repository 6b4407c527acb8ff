// The fields every convening form has (a strategy meeting's, a conference's): the date, the time, how it is held,
// the chair, and who is invited, by agency.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "../../common/forms/form-errors";
import { CheckboxGroups } from "./checkbox-groups";
import { DateInput, ErrorSummary, Radios, Select, TextInput } from "./forms";

/** A convening page: the way back to the case, the error summary in the form's order, and the heading. */
export function ConvenePage(props: { caseId: number; caption: string; title: string; errors?: FieldErrors; order: string[]; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/cases/${props.caseId}`} className="govuk-back-link">
          Back to the case
        </Link>
        <ErrorSummary errors={props.errors} order={props.order} />
        <h1 className="govuk-heading-l">
          <span className="govuk-caption-l">{props.caption}</span>
          {props.title}
        </h1>
        {props.children}
      </div>
    </div>
  );
}

type Invitee = { userId: number; fullName: string; roleOnCase: string; agencyName: string };

export function ConveneWhen({ errors, values }: { errors?: FieldErrors; values: Record<string, string> }) {
  return (
    <>
      <DateInput prefix="heldOn" legend="Date" hint="For example, 4 12 2026" error={errors?.heldOnDay} values={values} />
      <TextInput name="heldTime" label="Time" hint="24-hour clock, for example 14:30" error={errors?.heldTime} defaultValue={values.heldTime} width="10" />
      <Radios
        name="how"
        legend="How is it held?"
        error={errors?.how}
        defaultValue={values.how}
        options={[
          { value: "in_person", label: "In person" },
          { value: "video", label: "Video call" },
          { value: "telephone", label: "Telephone" },
        ]}
      />
    </>
  );
}

export function ConveneWho({
  errors,
  values,
  chairs,
  you,
  members,
  invited,
  hint,
}: {
  errors?: FieldErrors;
  values: Record<string, string>;
  chairs: { userId: number; label: string }[];
  you: number;
  members: Invitee[];
  /** The invitees sent, when the form comes back with a problem; otherwise everyone starts invited. */
  invited: Set<number> | null;
  hint: string;
}) {
  return (
    <>
      <Select
        name="chairUserId"
        label="Chair"
        error={errors?.chairUserId}
        defaultValue={values.chairUserId ?? String(chairs.find((c) => c.userId === you)?.userId ?? "")}
        placeholder="Select who chairs it"
        groups={[{ label: null, options: chairs.map((c) => ({ value: String(c.userId), label: c.label })) }]}
      />
      <CheckboxGroups
        name="invitee"
        id="invitee"
        legend="Who is invited?"
        hint={hint}
        error={errors?.invitee}
        options={members.map((person) => ({
          value: String(person.userId),
          label: `${person.fullName}, ${person.roleOnCase}`,
          group: person.agencyName,
          checked: invited ? invited.has(person.userId) : true,
        }))}
      />
    </>
  );
}
