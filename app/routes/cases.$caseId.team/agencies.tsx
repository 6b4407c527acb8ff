// The agencies on the case, and the form that adds one.
import { Form } from "@remix-run/react";
import type { CandidateAgency } from "../../../server/cases/case-team";
import type { CaseAgency, CaseMember } from "../../../server/cases/get-front-sheet";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { ScrollableTable } from "../../components/banners";
import { fieldsOf, Select } from "../../components/forms";
import { SubmitButton } from "../../components/page";
import { Cell, Row, RowHeader, Table } from "../../components/table";
import { RemoveLink } from "./confirm-removal";

export function Agencies({
  agencies,
  members,
  canManage,
  teamPage,
}: {
  agencies: CaseAgency[];
  members: CaseMember[];
  canManage: boolean;
  teamPage: string;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Agencies</h2>
      <ScrollableTable label="Agencies on the case">
        <Table caption="Agencies working on the case" columns={["Agency", "Professionals on the case", canManage && { hidden: "Action" }]}>
          {agencies.map((agency) => {
            const staff = members.filter((member) => member.agencyId === agency.id).length;
            return (
              <Row key={agency.id}>
                <RowHeader>
                  {agency.name} {agency.isLead ? <strong className="govuk-tag govuk-tag--green">Lead agency</strong> : null}
                </RowHeader>
                <Cell>{staff === 0 ? "None" : staff}</Cell>
                {canManage ? <Cell numeric>{agency.isLead ? null : <RemoveLink to={`${teamPage}?remove-agency=${agency.id}`} name={agency.name} />}</Cell> : null}
              </Row>
            );
          })}
        </Table>
      </ScrollableTable>
    </>
  );
}

export function AddAgency({
  teamPage,
  candidateAgencies,
  errors,
  values,
}: {
  teamPage: string;
  candidateAgencies: CandidateAgency[];
  errors?: FieldErrors;
  values: Record<string, string>;
}) {
  if (candidateAgencies.length === 0) return <p className="govuk-body">Every agency in the partnership is already on this case.</p>;
  return (
    <Form method="post" action={teamPage} noValidate>
      <input type="hidden" name="intent" value="add-agency" />
      <h2 className="govuk-heading-m" id="add-agency">
        Add an agency
      </h2>
      <Select
        {...fieldsOf(errors, values)("agencyId")}
        groups={[{ label: null, options: candidateAgencies.map((agency) => ({ value: agency.id, label: agency.name })) }]}
        label="Agency"
        placeholder="Select an agency"
        hint="Its team managers can then oversee the case. To let one of its professionals work on it, add them above."
      />
      <SubmitButton variant="secondary">Add agency</SubmitButton>
    </Form>
  );
}
