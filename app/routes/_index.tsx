import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can, roleNames } from "../../server/access/policy";
import { NotificationBanner, ScrollableTable } from "../components/banners";
import { PageHeading } from "../components/page";
import { StatusTag } from "../components/status-tag";
import { Cell, Row, Table } from "../components/table";
import { requireUser } from "../utils/auth.server";
import { audit } from "../utils/permissions.server";
import { todayInEngland } from "../../common/forms/dates";
import { readYourWork } from "../../server/work/read-your-work";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { pageTitle } from "../components/page-title";
import { TransitionsToAnswer } from "../components/transitions";

export const meta: MetaFunction = () => [{ title: pageTitle("Your work") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { user, actor } = signedIn;
  const { sql, clock } = context.services;
  const now = clock();
  const work = await readYourWork(sql, { userId: user.id, actor }, { today: todayInEngland(now), clock: now });
  // The actions listed are words from children's plans: who was shown which is kept, as every read of a case is.
  if (work.actions.length)
    await audit(context, signedIn, { action: "view:your-actions", outcome: "success", details: { actions: work.actions.map((action) => ({ caseId: action.caseId, actionId: action.id })) } });
  return {
    firstName: user.fullName.split(" ").find((part) => !/^(Dr|Mr|Mrs|Ms|Miss|Mx)$/.test(part)) ?? user.fullName,
    roleName: roleNames[user.role],
    jobTitle: user.jobTitle,
    agencyName: user.agencyName,
    isAdministrator: user.role === "administrator",
    oversight: user.role === "partnership_manager" ? "partnership" : user.role === "manager" ? "agency" : null,
    userId: user.id,
    canRefer: can(actor, "make:referral", { type: "agency", agencyId: user.agencyId }),
    savedReferral: new URL(request.url).searchParams.get("saved") === "referral",
    ...work,
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
                <li key={invitation.key}>
                  <Link className="govuk-notification-banner__link" to={invitation.path}>
                    {`${invitation.title}, ${invitation.when}`}
                  </Link>
                </li>
              ))}
            </ul>
          </NotificationBanner>
        ) : null}
      </div>
      <TransitionsToAnswer transitions={data.transitionsToAnswer} />
      <YourActions actions={data.actions} />
      {data.canRefer ? <YourReferrals referrals={data.referrals} saved={data.savedReferral} /> : null}
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
            {data.oversight === "partnership" ? "Cases you have opened for oversight" : `Other cases ${data.agencyName} works on`}
          </h2>
          <p className="govuk-body">
            {data.oversight === "partnership"
              ? "You can read these cases, read-only, for a few hours after giving your reason. To open another case, follow it from the partnership's measures and say why you need to open it."
              : "You can read these cases for oversight. Restricted information stays with the agencies it belongs to."}
          </p>
          {data.overseenCases.length ? (
            <CaseTable caption="Cases you oversee" cases={data.overseenCases} />
          ) : (
            <p className="govuk-body">{data.oversight === "partnership" ? "You have no case open for oversight now." : "There are no other cases."}</p>
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

/** The actions this person owns on children's plans, soonest due first, overdue ones marked. */
function YourActions({ actions }: { actions: ReturnType<typeof useLoaderData<typeof loader>>["actions"] }) {
  if (!actions.length) return null;
  const overdue = actions.filter((action) => action.due.overdue).length;
  return (
    <section aria-labelledby="your-actions" data-testid="your-actions">
      <h2 className="govuk-heading-m" id="your-actions">
        Your actions on children's plans
      </h2>
      <p className="govuk-body">
        {overdue
          ? `${overdue} of your ${actions.length} open ${actions.length === 1 ? "action is" : "actions are"} overdue.`
          : `You have ${actions.length} open ${actions.length === 1 ? "action" : "actions"}. None is overdue.`}
      </p>
      <ScrollableTable label="Your actions on children's plans">
        <Table caption="Your actions on children's plans" columns={["Child", "Action", "Due", "Progress"]}>
          {actions.map((action) => (
            <Row key={action.id}>
              <Cell>
                <Link className="govuk-link" to={action.path}>
                  {action.childName}
                </Link>
                <div className="govuk-hint govuk-!-margin-0">{action.caseReference}</div>
              </Cell>
              <Cell>{action.what}</Cell>
              <Cell>
                {action.dueOn}{" "}
                <strong className={`govuk-tag ${action.due.overdue ? "govuk-tag--red" : "govuk-tag--blue"}`}>{action.due.words}</strong>
              </Cell>
              <Cell>{action.progress}</Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>
    </section>
  );
}

/** The referrals this person made: drafts to continue, and those sent with where they stand; and a new one. */
function YourReferrals({ referrals, saved }: { referrals: ReturnType<typeof useLoaderData<typeof loader>>["referrals"]; saved: boolean }) {
  return (
    <section aria-labelledby="your-referrals" data-testid="your-referrals">
      <h2 className="govuk-heading-m" id="your-referrals">
        Your referrals
      </h2>
      {saved ? <p className="govuk-body govuk-!-font-weight-bold">Your referral is saved. Continue it from the list below when you are ready.</p> : null}
      {referrals.length ? (
        <ScrollableTable label="Your referrals">
          <Table caption="Your referrals" columns={["Reference", "Children", "Status", "Updated or sent"]}>
            {referrals.map((referral) => (
              <Row key={referral.id}>
                <Cell>
                  <Link className="govuk-link" to={referral.path}>
                    {referral.draft ? `Continue draft R-${referral.id}` : `R-${referral.id}`}
                  </Link>
                </Cell>
                <Cell>{referral.children}</Cell>
                <Cell>
                  <strong className={`govuk-tag govuk-tag--${referral.draft ? "grey" : referral.standing.colour}`}>{referral.draft ? "Draft, not sent" : referral.standing.words}</strong>
                </Cell>
                <Cell>{referral.when}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">You have not made a referral through the portal.</p>
      )}
      <Link to="/referrals/new" className="govuk-button govuk-button--secondary" role="button" draggable="false" data-module="govuk-button">
        Make a referral
      </Link>
    </section>
  );
}
