// The People page's "Waiting for approval": roles that read across cases, each waiting for a second administrator.
import { Form } from "@remix-run/react";

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
      <table className="govuk-table" aria-labelledby="waiting-for-approval">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Role</th>
            <th scope="col" className="govuk-table__header">Asked for by</th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Decision</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {requests.map((request) => (
            <tr className="govuk-table__row" key={request.id}>
              <td className="govuk-table__cell">
                {request.fullName}
                <div className="govuk-hint govuk-!-margin-0">{request.email}</div>
              </td>
              <td className="govuk-table__cell">{request.roleName}</td>
              <td className="govuk-table__cell">
                {request.askedByYou ? "You" : request.requestedByName}
                <div className="govuk-hint govuk-!-margin-0">{request.requestedAt}</div>
              </td>
              <td className="govuk-table__cell">
                <Form method="post">
                  <input type="hidden" name="requestId" value={request.id} />
                  <div className="govuk-button-group govuk-!-margin-bottom-0">
                    {request.askedByYou ? (
                      <p className="govuk-body govuk-!-margin-bottom-0">Another administrator must approve</p>
                    ) : (
                      <button type="submit" name="intent" value="approve-role" className="govuk-button govuk-!-margin-bottom-0">
                        Approve<span className="govuk-visually-hidden"> {request.fullName} as {request.roleName}</span>
                      </button>
                    )}
                    <button type="submit" name="intent" value="refuse-role" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                      {request.askedByYou ? "Withdraw" : "Refuse"}
                      <span className="govuk-visually-hidden"> {request.fullName} as {request.roleName}</span>
                    </button>
                  </div>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
