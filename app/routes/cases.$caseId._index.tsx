import type { AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can, type CaseFacts } from "../../server/access/policy";
import { listChildVoice } from "../../server/cases/child-voice";
import { latestMap, listMaps } from "../../server/maps/maps";
import { caseNotesResource } from "../../server/access/resources";
import { readableAgencyNotes } from "../../server/cases/readable-agency-notes";
import { documentNames } from "../../server/documents/registry";
import { getFrontSheet, listFrontSheetMeetings } from "../../server/cases/get-front-sheet";
import { formatNhsNumber } from "../../common/nhs-number";
import { ScrollableTable } from "../components/banners";
import { LiveNotesSection } from "../components/live-notes";
import { StatusTag } from "../components/status-tag";
import { Hidden } from "../components/page";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { Cell, Row, Table } from "../components/table";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { liveDocumentFor } from "../../server/documents/live-document-view";
import { formatDate, formatDateOfBirth, formatDateTime, possessive } from "../../common/format";
import { workingDaysLeft } from "../../server/calendar/working-days";
import { latestIcpcDue } from "../../server/meetings/meetings";
import { todayInEngland } from "../../common/forms/dates";
import { pageTitle } from "../components/page-title";
import { readPlanSummary } from "../../server/plans/plan-summary";
import { PlanSummaryRows } from "../components/plan-summary";
import { audit, notFound, requireCase } from "../utils/permissions.server";
import { caseTransitionsFor } from "../utils/transitions.server";
import { CaseTransitions } from "../components/transitions";
import { listOversightOpenings } from "../../server/oversight/oversight-access";
import { OversightOpenings } from "../components/oversight-openings";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.child?.fullName ?? "Case"} – ${data.reference}` : "Case") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  // A partnership manager not on the case is asked why they need to open it (decision 039).
  const facts = await requireCase(context, signedIn, params.caseId, "read:case", { askForOversight: true });
  const sheet = await getFrontSheet(context.services.sql, facts.caseId);
  if (!sheet) throw notFound();
  await audit(context, signedIn, { action: "view:case", outcome: "success", caseId: facts.caseId, target: `case:${facts.caseId}` });
  const today = context.services.clock();
  const person = (p: (typeof sheet.people)[number]) => ({
    id: p.id,
    kind: p.kind,
    fullName: p.fullName,
    relationship: p.relationship,
    dateOfBirth: formatDateOfBirth(p.dateOfBirth, today),
    nhsNumber: p.nhsNumber ? formatNhsNumber(p.nhsNumber) : null,
    parentalResponsibility: p.parentalResponsibility,
    address: p.address,
    school: p.school,
  });
  return {
    id: sheet.id,
    reference: sheet.reference,
    status: sheet.status,
    category: sheet.category,
    openedOn: formatDate(sheet.openedOn),
    child: sheet.child ? person(sheet.child) : null,
    people: sheet.people.map(person),
    members: sheet.members,
    agencies: sheet.agencies,
    canEdit: can(signedIn.actor, "edit:case", { type: "case", case: facts }),
    canManageTeam: can(signedIn.actor, "manage:case-team", { type: "case", case: facts }),
    canReadAudit: can(signedIn.actor, "read:audit", { type: "case", case: facts }),
    workspace: await workspaceFor(context, signedIn, facts, sheet.agencies),
    transitions: await caseTransitionsFor(context, signedIn, facts),
    notes: liveDocumentFor(signedIn, caseNotesResource(facts), documentNames.caseNotes(facts.caseId), "these notes"),
    oversightOpenings: can(signedIn.actor, "read:oversight-access", { type: "case", case: facts })
      ? (await listOversightOpenings(context.services.sql, facts.caseId, today)).map((opening) => ({
          id: opening.id,
          who: opening.fullName,
          agencyName: opening.agencyName,
          reason: opening.reason,
          openedAt: formatDateTime(opening.grantedAt),
          until: formatDateTime(opening.expiresAt),
          live: opening.live,
        }))
      : null,
  };
}

/** The case's maps, child's voice and the restricted notes this person may read: one click from the front sheet. */
async function workspaceFor(context: AppLoadContext, signedIn: SignedIn, facts: CaseFacts, agencies: { id: string; name: string }[]) {
  const { sql, calendar, clock } = context.services;
  const today = todayInEngland(clock());
  const [maps, voices, meetings, icpc, plan] = await Promise.all([
    listMaps(sql, facts.caseId),
    listChildVoice(sql, facts.caseId),
    listFrontSheetMeetings(sql, facts.caseId),
    latestIcpcDue(sql, facts.caseId),
    readPlanSummary(sql, calendar, facts.caseId, today),
  ]);
  const restricted = (await readableAgencyNotes(sql, signedIn.actor, facts, agencies)).map(({ agencyId, agencyName, own, why }) => ({
    agencyId,
    agencyName,
    own,
    why,
  }));
  const latest = latestMap(maps, today);
  return {
    latestMap: latest ? { id: latest.id, heldOn: formatDate(latest.heldOn), title: latest.title } : null,
    mapCount: maps.length,
    childLastSeen: voices[0] ? { on: formatDate(voices[0].seenOn), alone: voices[0].seenAlone } : null,
    restricted,
    meetings: meetings.map((meeting) => ({ path: meeting.path, title: `${meeting.kind}, ${formatDateTime(meeting.heldAt)}`, state: meeting.state })),
    canConvene: can(signedIn.actor, "convene:meeting", { type: "case", case: facts }),
    icpc: icpc
      ? { meetingId: icpc.meetingId, due: formatDate(icpc.dueOn), left: workingDaysLeft(calendar, today, icpc.dueOn) }
      : null,
    plan,
  };
}

const kindNames = { child: "Child", family: "Family", network: "Safety network" } as const;

export default function CaseFrontSheet() {
  const sheet = useLoaderData<typeof loader>();
  const child = sheet.child;
  return (
    <>
      <span className="govuk-caption-l">Case {sheet.reference}</span>
      <h1 className="govuk-heading-l">{child?.fullName ?? "Child not yet recorded"}</h1>
      <p className="govuk-body">
        <StatusTag status={sheet.status} /> Opened {sheet.openedOn}
        {sheet.category ? ` · Category: ${sheet.category}` : ""}
      </p>

      <Workspace
        caseId={sheet.id}
        workspace={sheet.workspace}
        openedOn={sheet.openedOn}
        canManageTeam={sheet.canManageTeam}
        canReadAudit={sheet.canReadAudit}
      />

      {sheet.oversightOpenings?.length ? <OversightOpenings openings={sheet.oversightOpenings} /> : null}

      <h2 className="govuk-heading-m">The child</h2>
      {child ? (
        <SummaryList>
          <SummaryRow label="Name">{child.fullName}</SummaryRow>
          <SummaryRow label="Date of birth">{child.dateOfBirth}</SummaryRow>
          <SummaryRow label="NHS number">{child.nhsNumber ?? "Not recorded"}</SummaryRow>
          <SummaryRow label="Address">{child.address || "Not recorded"}</SummaryRow>
          <SummaryRow label="School or setting">{child.school || "Not recorded"}</SummaryRow>
        </SummaryList>
      ) : (
        <p className="govuk-body">The child's details have not been recorded.</p>
      )}

      <LiveNotesSection
        id="case-notes"
        className="app-case-notes"
        heading="Case notes (live)"
        hint="Everyone on this case can see what you type as you type it. Each change is recorded with your name and agency."
        live={sheet.notes}
        returnTo={`/cases/${sheet.id}`}
        historyTo={`/cases/${sheet.id}/notes/history`}
      />

      <h2 className="govuk-heading-m" id="people">
        Family and network
      </h2>
      {sheet.people.length ? (
        <ScrollableTable label="Family and network members">
          <Table
            caption="Family and network members"
            columns={["Name", `Relationship to ${child?.fullName.split(" ")[0] ?? "the child"}`, "Date of birth", "Parental responsibility", "Group"]}
          >
            {sheet.people.map((person) => (
              <Row key={person.id}>
                <Cell>
                  {person.fullName}
                  {person.nhsNumber ? <div className="govuk-hint govuk-!-margin-0">NHS {person.nhsNumber}</div> : null}
                </Cell>
                <Cell>{person.relationship}</Cell>
                <Cell>{person.dateOfBirth}</Cell>
                <Cell>{person.parentalResponsibility ? "Yes" : "No"}</Cell>
                <Cell>{kindNames[person.kind]}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">No family or network members are recorded.</p>
      )}
      {sheet.canEdit ? (
        <p className="govuk-body">
          <Link className="govuk-button govuk-button--secondary" to={`/cases/${sheet.id}/people/new`}>
            Add a family or network member
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">Professionals on the case</h2>
      <ScrollableTable label="Professionals working on the case">
        <Table caption="Professionals working on the case" columns={["Name", "Role on the case", "Agency", "Email"]}>
          {sheet.members.map((member) => (
            <Row key={member.userId}>
              <Cell>
                {member.fullName} {member.isLead ? <strong className="govuk-tag govuk-tag--green">Lead</strong> : null}
                {member.active ? null : <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>}
              </Cell>
              <Cell>{member.roleOnCase}</Cell>
              <Cell>{member.agencyName}</Cell>
              <Cell>{member.email}</Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>

      <h2 className="govuk-heading-m">Agencies on the case</h2>
      <ul className="govuk-list govuk-list--bullet">
        {sheet.agencies.map((agency) => (
          <li key={agency.id}>
            {agency.name}
            {agency.isLead ? " (lead agency)" : ""}
          </li>
        ))}
      </ul>

      <CaseTransitions caseId={sheet.id} transitions={sheet.transitions} />
    </>
  );
}

function Workspace({
  caseId,
  workspace,
  openedOn,
  canManageTeam,
  canReadAudit,
}: {
  caseId: number;
  workspace: ReturnType<typeof useLoaderData<typeof loader>>["workspace"];
  openedOn: string;
  canManageTeam: boolean;
  canReadAudit: boolean;
}) {
  const here = `/cases/${caseId}`;
  return (
    <nav aria-labelledby="workspace-heading" className="app-workspace">
      <h2 className="govuk-heading-m" id="workspace-heading">
        Working on this case
      </h2>
      <SummaryList>
        <SummaryRow
          label="Signs of Safety map"
          actions={
            <Link className="govuk-link" to={`${here}/maps`}>
              {workspace.mapCount ? `All maps (${workspace.mapCount})` : "Start a map"}
            </Link>
          }
        >
          {workspace.latestMap ? (
            <Link className="govuk-link" to={`${here}/maps/${workspace.latestMap.id}`}>
              Open the map of {workspace.latestMap.heldOn}
              {workspace.latestMap.title ? `: ${workspace.latestMap.title}` : ""}
            </Link>
          ) : (
            "No map yet"
          )}
        </SummaryRow>
        <SummaryRow
          label="Meetings"
          actions={
            workspace.canConvene ? (
              <Link className="govuk-link" to={`${here}/meetings/new`}>
                Convene<Hidden> a strategy meeting</Hidden>
              </Link>
            ) : null
          }
        >
          {workspace.meetings.length ? (
            <ul className="govuk-list app-meetings" data-testid="case-meetings">
              {workspace.meetings.map((meeting) => (
                <li key={meeting.path}>
                  <Link className="govuk-link" to={meeting.path}>
                    {meeting.title}
                  </Link>{" "}
                  {meeting.state === "signed-off" ? (
                    <strong className="govuk-tag govuk-tag--green">Signed off</strong>
                  ) : (
                    <strong className="govuk-tag govuk-tag--blue">Open</strong>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            "None yet"
          )}
        </SummaryRow>
        {workspace.icpc ? (
          <SummaryRow
            label="Initial child protection conference"
            testId="icpc-clock"
            actions={
              <Link className="govuk-link" to={`${here}/meetings/${workspace.icpc.meetingId}`}>
                The decision<Hidden> to convene the conference</Hidden>
              </Link>
            }
          >
            {`Due by ${workspace.icpc.due}. `}
            {workspace.icpc.left < 0 ? (
              <strong className="govuk-tag govuk-tag--red">{`Overdue by ${-workspace.icpc.left} working ${workspace.icpc.left === -1 ? "day" : "days"}`}</strong>
            ) : (
              <strong className={`govuk-tag ${workspace.icpc.left <= 3 ? "govuk-tag--orange" : "govuk-tag--blue"}`}>
                {workspace.icpc.left === 0 ? "Due today" : `${workspace.icpc.left} working ${workspace.icpc.left === 1 ? "day" : "days"} left`}
              </strong>
            )}
          </SummaryRow>
        ) : null}
        {workspace.plan ? <PlanSummaryRows caseId={caseId} plan={workspace.plan} /> : null}
        <SummaryRow
          label="The child's voice"
          actions={
            <Link className="govuk-link" to={`${here}/child-voice`}>
              Open<Hidden> the child's voice</Hidden>
            </Link>
          }
        >
          {workspace.childLastSeen
            ? `Last seen ${workspace.childLastSeen.on}, ${workspace.childLastSeen.alone ? "alone" : "not alone"}`
            : "Nothing recorded in the child's words yet"}
        </SummaryRow>
        <SummaryRow
          label="Case notes"
          actions={
            <Link className="govuk-link" to={`${here}/notes/history`}>
              History<Hidden> of the case notes</Hidden>
            </Link>
          }
        >
          <a className="govuk-link" href="#case-notes-heading">
            Live notes, below
          </a>
        </SummaryRow>
        {workspace.restricted.map((notes) => (
          <SummaryRow
            key={notes.agencyId}
            label={notes.own ? "Your agency's restricted notes" : `${possessive(notes.agencyName)} restricted notes`}
            actions={
              <Link className="govuk-link" to={`${here}/restricted/${notes.agencyId}`}>
                Open<Hidden>{` ${possessive(notes.agencyName)} restricted notes`}</Hidden>
              </Link>
            }
          >
            <strong className="govuk-tag govuk-tag--red">{`Restricted — ${notes.agencyName} only`}</strong>
            {notes.why ? <div className="govuk-hint govuk-!-margin-0">{notes.why}</div> : null}
          </SummaryRow>
        ))}
        <SummaryRow
          label="Professionals and agencies"
          actions={
            <Link className="govuk-link" to={`${here}/team`}>
              {canManageTeam ? "Add or remove" : "See all"}
              <Hidden> professionals and agencies</Hidden>
            </Link>
          }
        >
          Case opened {openedOn}
        </SummaryRow>
        {canReadAudit ? (
          <SummaryRow
            label="Who viewed and changed this record"
            actions={
              <Link className="govuk-link" to={`${here}/audit`}>
                Open<Hidden> who viewed and changed this record</Hidden>
              </Link>
            }
          >
            Every view and change, by person, agency and date
          </SummaryRow>
        ) : null}
      </SummaryList>
      <form method="get" action={`${here}/search`} role="search" className="app-case-search">
        <div className="govuk-form-group govuk-!-margin-bottom-2">
          <label className="govuk-label govuk-label--s" htmlFor="case-search">
            Search this case
          </label>
          <input className="govuk-input govuk-!-width-one-half" id="case-search" name="q" type="search" />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search
        </button>
      </form>
    </nav>
  );
}
