// The People page's "Waiting for approval": roles that read across cases, each waiting for a second administrator.
import { Form } from "@remix-run/react";
import { Hidden, RowButton } from "../page";
import { Cell, Row, Table } from "../table";

export type RoleRequestRow = {
  id: number;
  fullName: string;
  email: string;
  roleName: string;
  requestedByName: string;
  requestedAt: string;
  askedByYou: boolean;
};

export function RoleRequests({ requests }: { requests: RoleRequestRow[] }) {
  if (requests.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m" id="waiting-for-approval">
        Waiting for approval
      </h2>
      <p className="govuk-body">
        These roles read children's records beyond their own cases, or manage people. Each needs a second administrator: the
        person is invited only once someone other than whoever asked approves.
      </p>
      <Table labelledBy="waiting-for-approval" columns={["Name", "Role", "Asked for by", { hidden: "Decision" }]}>
        {requests.map((request) => (
          <Row key={request.id}>
            <Cell>
              {request.fullName}
              <div className="govuk-hint govuk-!-margin-0">{request.email}</div>
            </Cell>
            <Cell>{request.roleName}</Cell>
            <Cell>
              {request.askedByYou ? "You" : request.requestedByName}
              <div className="govuk-hint govuk-!-margin-0">{request.requestedAt}</div>
            </Cell>
            <Cell>
              <Form method="post">
                <input type="hidden" name="requestId" value={request.id} />
                <div className="govuk-button-group govuk-!-margin-bottom-0">
                  {request.askedByYou ? (
                    <p className="govuk-body govuk-!-margin-bottom-0">Another administrator must approve</p>
                  ) : (
                    <RowButton intent="approve-role">
                      Approve<Hidden> {request.fullName} as {request.roleName}</Hidden>
                    </RowButton>
                  )}
                  <RowButton intent="refuse-role" variant="secondary">
                    {request.askedByYou ? "Withdraw" : "Refuse"}
                    <Hidden> {request.fullName} as {request.roleName}</Hidden>
                  </RowButton>
                </div>
              </Form>
            </Cell>
          </Row>
        ))}
      </Table>
    </>
  );
}
