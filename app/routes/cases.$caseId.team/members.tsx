// The professionals on the case, and the form that adds one.
import { Form } from "@remix-run/react";
import type { CandidateProfessional } from "../../../server/cases/case-team";
import type { CaseMember } from "../../../server/cases/get-front-sheet";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { ScrollableTable } from "../../components/banners";
import { fieldsOf, Select, TextInput } from "../../components/forms";
import { SubmitButton } from "../../components/page";
import { Cell, Row, RowHeader, Table } from "../../components/table";
import { RemoveLink } from "./confirm-removal";

export function Members({ members, canManage, teamPage }: { members: CaseMember[]; canManage: boolean; teamPage: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">Professionals</h2>
      <ScrollableTable label="Professionals on the case">
        <Table caption="Professionals working on the case" columns={["Name", "Role on the case", "Agency", canManage && { hidden: "Action" }]}>
          {members.map((member) => (
            <Row key={member.userId}>
              <RowHeader>
                {member.fullName} {member.isLead ? <strong className="govuk-tag govuk-tag--green">Lead</strong> : null}
                {member.active ? null : <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>}
                {member.jobTitle ? <div className="govuk-hint govuk-!-margin-0 govuk-!-font-weight-regular">{member.jobTitle}</div> : null}
              </RowHeader>
              <Cell>{member.roleOnCase}</Cell>
              <Cell>{member.agencyName}</Cell>
              {canManage ? <Cell numeric>{member.isLead ? null : <RemoveLink to={`${teamPage}?remove-member=${member.userId}`} name={member.fullName} />}</Cell> : null}
            </Row>
          ))}
        </Table>
      </ScrollableTable>
    </>
  );
}

export function AddProfessional({
  teamPage,
  candidates,
  agenciesOnCase,
  errors,
  values,
}: {
  teamPage: string;
  candidates: (CandidateProfessional & { roleName: string })[];
  agenciesOnCase: string[];
  errors?: FieldErrors;
  values: Record<string, string>;
}) {
  const field = fieldsOf(errors, values);
  // Grouped by agency, as a person looks for "the GP at Harbour Lane", not a name in a list of everyone.
  const byAgency = new Map<string, { name: string; onCase: boolean; people: typeof candidates }>();
  for (const candidate of candidates) {
    const group = byAgency.get(candidate.agencyId) ?? {
      name: candidate.agencyName,
      onCase: agenciesOnCase.includes(candidate.agencyId),
      people: [],
    };
    group.people.push(candidate);
    byAgency.set(candidate.agencyId, group);
  }
  return (
    <Form method="post" action={teamPage} noValidate>
      <input type="hidden" name="intent" value="add-member" />
      <h2 className="govuk-heading-m" id="add-professional">
        Add a professional
      </h2>
      <Select
        {...field("userId")}
        label="Professional"
        hint="If their agency is not on the case yet, it is added with them."
        placeholder="Select a professional"
        groups={[...byAgency.values()].map((group) => ({
          label: group.onCase ? group.name : `${group.name} (not on the case yet)`,
          options: group.people.map((person) => ({
            value: String(person.userId),
            label: `${person.fullName}, ${person.jobTitle || person.roleName}`,
          })),
        }))}
      />
      <TextInput {...field("roleOnCase")} label="Their role on the case" hint="For example, Health visitor or Designated safeguarding lead" autoComplete="off" />
      <SubmitButton>Add to the case</SubmitButton>
    </Form>
  );
}
