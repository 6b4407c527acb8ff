import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roleNames } from "../../server/access/policy";
import { listCasesForMember, listOverseenCases, type CaseSummary } from "../../server/cases/list-cases";
import { NotificationBanner, ScrollableTable } from "../components/banners";
import { PageHeading } from "../components/page";
import { StatusTag } from "../components/status-tag";
import { Cell, Row, Table } from "../components/table";
import { requireUser } from "../utils/auth.server";
import { formatDateOfBirth, formatDateTime } from "../../common/format";
import { listInvitations } from "../../server/meetings/meetings";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { pageTitle } from "../components/page-title";
import { meetingKindNames } from "../../common/meeting-kinds";

export const meta: MetaFunction = () => [{ title: pageTitle("Your work") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, actor } = await requireUser(request, context);
  const { sql, clock } = context.services;
  const today = clock();
  const present = (rows: CaseSummary[]) =>
    rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      childName: row.childName ?? "Child not yet recorded",
      dateOfBirth: formatDateOfBirth(row.childDateOfBirth, today),
      roleOnCase: row.roleOnCase,
      leadName: row.leadName,
      agencyNames: row.agencyNames,
    }));
  return {
    firstName: user.fullName.split(" ").find((part) => !/^(Dr|Mr|Mrs|Ms|Miss|Mx)$/.test(part)) ?? user.fullName,
    roleName: roleNames[user.role],
    jobTitle: user.jobTitle,
    agencyName: user.agencyName,
    isAdministrator: user.role === "administrator",
    memberCases: present(await listCasesForMember(sql, user.id)),
    overseenCases: present(await listOverseenCases(sql, actor)),
    oversight: user.role === "partnership_manager" ? "partnership" : user.role === "manager" ? "agency" : null,
    userId: user.id,
    invitations: (await listInvitations(sql, user.id)).map((meeting) => ({
      id: meeting.id,
      caseId: meeting.caseId,
      title: `${meetingKindNames[meeting.kind]} for ${meeting.childName ?? "a child"}`,
      when: formatDateTime(meeting.heldAt),
    })),
  };
}

type CaseRow = Awaited<ReturnType<typeof loader>>["memberCases"][number];

export default function YourWork() {
  const data = useLoaderData<typeof loader>();
  // Invitations arrive while the page is open: the server tells this person's own room.
  useChangeNotices(`user:${data.userId}`);
  usePresence(`user:${data.userId}`);
  return (
    <>
      <PageHeading caption={`${data.jobTitle || data.roleName}, ${data.agencyName}`}>Your work</PageHeading>
      <div aria-live="polite" data-testid="invitations">
        {data.invitations.length ? (
          <NotificationBanner id="invitations-title" title="Meetings you are invited to" role="region">
            <ul className="govuk-list">
              {data.invitations.map((invitation) => (
                <li key={invitation.id}>
                  <Link className="govuk-notification-banner__link" to={`/cases/${invitation.caseId}/meetings/${invitation.id}`}>
                    {`${invitation.title}, ${invitation.when}`}
                  </Link>
                </li>
              ))}
            </ul>
          </NotificationBanner>
        ) : null}
      </div>
      <h2 className="govuk-heading-m">Cases you work on</h2>
      {data.memberCases.length ? (
        <CaseTable caption="Cases you work on" cases={data.memberCases} showRole />
      ) : (
        <p className="govuk-body">
          {data.isAdministrator
            ? "You are not working on any case. As an administrator you manage your agency's people, not children's records."
            : "You are not working on any case yet. A case's lead social worker adds the professionals who work on it."}
        </p>
      )}
      {data.oversight ? (
        <>
          <h2 className="govuk-heading-m">
            {data.oversight === "partnership" ? "Every case in the partnership" : `Other cases ${data.agencyName} works on`}
          </h2>
          <p className="govuk-body">You can read these cases for oversight. Restricted information stays with the agencies it belongs to.</p>
          {data.overseenCases.length ? (
            <CaseTable caption="Cases you oversee" cases={data.overseenCases} />
          ) : (
            <p className="govuk-body">There are no other cases.</p>
          )}
        </>
      ) : null}
    </>
  );
}

function CaseTable({ caption, cases, showRole }: { caption: string; cases: CaseRow[]; showRole?: boolean }) {
  return (
    <ScrollableTable label={caption}>
      <Table caption={caption} columns={["Child", "Date of birth", "Case reference", showRole && "Your role", "Lead professional", "Status"]}>
        {cases.map((row) => (
          <Row key={row.id}>
            <Cell>
              <Link className="govuk-link" to={`/cases/${row.id}`}>
                {row.childName}
              </Link>
            </Cell>
            <Cell>{row.dateOfBirth}</Cell>
            <Cell>{row.reference}</Cell>
            {showRole ? <Cell>{row.roleOnCase}</Cell> : null}
            <Cell>{row.leadName ?? "None recorded"}</Cell>
            <Cell>
              <StatusTag status={row.status} />
            </Cell>
          </Row>
        ))}
      </Table>
    </ScrollableTable>
  );
}
