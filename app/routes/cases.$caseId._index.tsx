import type { AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can, type CaseFacts } from "../../server/access/policy";
import { listChildVoice } from "../../server/cases/child-voice";
import { listMaps } from "../../server/maps/maps";
import { caseNotesResource } from "../../server/access/resources";
import { readableAgencyNotes } from "../../server/cases/readable-agency-notes";
import { documentNames } from "../../server/documents/registry";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { formatNhsNumber } from "../../common/nhs-number";
import { LiveNotes } from "../components/live-notes";
import { StatusTag } from "../components/status-tag";
import { SummaryRow } from "../components/summary-row";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { liveDocumentFor } from "../utils/live-document.server";
import { formatDate, formatDateOfBirth, formatDateTime, possessive } from "../../common/format";
import { workingDaysLeft } from "../../server/calendar/working-days";
import { latestIcpcDue, listCaseMeetings } from "../../server/meetings/meetings";
import { todayInEngland } from "../../common/forms/dates";
import { pageTitle } from "../utils/meta";
import { audit, notFound, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.child?.fullName ?? "Case"} – ${data.reference}` : "Case") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
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
    workspace: await workspaceFor(context, signedIn, facts, sheet.agencies),
    notes: liveDocumentFor(signedIn, caseNotesResource(facts), documentNames.caseNotes(facts.caseId), "these notes"),
  };
}

/** The case's maps, child's voice and the restricted notes this person may read: one click from the front sheet. */
async function workspaceFor(context: AppLoadContext, signedIn: SignedIn, facts: CaseFacts, agencies: { id: string; name: string }[]) {
  const { sql, calendar, clock } = context.services;
  const [maps, voices, meetings, icpc] = await Promise.all([
    listMaps(sql, facts.caseId),
    listChildVoice(sql, facts.caseId),
    listCaseMeetings(sql, facts.caseId),
    latestIcpcDue(sql, facts.caseId),
  ]);
  const restricted = (await readableAgencyNotes(sql, signedIn.actor, facts, agencies)).map(({ agencyId, agencyName, own, why }) => ({
    agencyId,
    agencyName,
    own,
    why,
  }));
  const latest = maps[0];
  return {
    latestMap: latest ? { id: latest.id, heldOn: formatDate(latest.heldOn), title: latest.title } : null,
    mapCount: maps.length,
    childLastSeen: voices[0] ? { on: formatDate(voices[0].seenOn), alone: voices[0].seenAlone } : null,
    restricted,
    latestMeeting: meetings[0]
      ? { id: meetings[0].id, title: `${meetings[0].kind === "meeting" ? "Strategy meeting" : "Strategy discussion"}, ${formatDateTime(meetings[0].heldAt)}`, signedOff: meetings[0].signedOff }
      : null,
    meetingCount: meetings.length,
    canConvene: can(signedIn.actor, "convene:meeting", { type: "case", case: facts }),
    icpc: icpc
      ? { meetingId: icpc.meetingId, due: formatDate(icpc.dueOn), left: workingDaysLeft(calendar, todayInEngland(clock()), icpc.dueOn) }
      : null,
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

      <Workspace caseId={sheet.id} workspace={sheet.workspace} openedOn={sheet.openedOn} canManageTeam={sheet.canManageTeam} />

      <h2 className="govuk-heading-m">The child</h2>
      {child ? (
        <dl className="govuk-summary-list">
          <SummaryRow label="Name">{child.fullName}</SummaryRow>
          <SummaryRow label="Date of birth">{child.dateOfBirth}</SummaryRow>
          <SummaryRow label="NHS number">{child.nhsNumber ?? "Not recorded"}</SummaryRow>
          <SummaryRow label="Address">{child.address || "Not recorded"}</SummaryRow>
          <SummaryRow label="School or setting">{child.school || "Not recorded"}</SummaryRow>
        </dl>
      ) : (
        <p className="govuk-body">The child's details have not been recorded.</p>
      )}

      <section className="app-case-notes" aria-labelledby="case-notes-heading">
        <h2 className="govuk-heading-m" id="case-notes-heading">
          Case notes (live)
        </h2>
        <div className="govuk-hint" id="case-notes-hint">
          Everyone on this case can see what you type as you type it. Each change is recorded with your name and agency.
        </div>
        <LiveNotes
          room={sheet.notes.documentName}
          returnTo={`/cases/${sheet.id}`}
          documentName={sheet.notes.documentName}
          canWrite={sheet.notes.canWrite}
          readOnlyReason={sheet.notes.readOnlyReason}
          you={sheet.notes.you}
          labelledBy="case-notes-heading"
          hintId="case-notes-hint"
        />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${sheet.id}/notes/history`}>
            See the history of these notes
          </Link>
        </p>
      </section>

      <h2 className="govuk-heading-m" id="people">
        Family and network
      </h2>
      {sheet.people.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Family and network members</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Relationship to {child?.fullName.split(" ")[0] ?? "the child"}</th>
              <th scope="col" className="govuk-table__header">Date of birth</th>
              <th scope="col" className="govuk-table__header">Parental responsibility</th>
              <th scope="col" className="govuk-table__header">Group</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sheet.people.map((person) => (
              <tr className="govuk-table__row" key={person.id}>
                <td className="govuk-table__cell">
                  {person.fullName}
                  {person.nhsNumber ? <div className="govuk-hint govuk-!-margin-0">NHS {person.nhsNumber}</div> : null}
                </td>
                <td className="govuk-table__cell">{person.relationship}</td>
                <td className="govuk-table__cell">{person.dateOfBirth}</td>
                <td className="govuk-table__cell">{person.parentalResponsibility ? "Yes" : "No"}</td>
                <td className="govuk-table__cell">{kindNames[person.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Professionals working on the case</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Role on the case</th>
            <th scope="col" className="govuk-table__header">Agency</th>
            <th scope="col" className="govuk-table__header">Email</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {sheet.members.map((member) => (
            <tr className="govuk-table__row" key={member.userId}>
              <td className="govuk-table__cell">
                {member.fullName} {member.isLead ? <strong className="govuk-tag govuk-tag--green">Lead</strong> : null}
                {member.active ? null : <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>}
              </td>
              <td className="govuk-table__cell">{member.roleOnCase}</td>
              <td className="govuk-table__cell">{member.agencyName}</td>
              <td className="govuk-table__cell">{member.email}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="govuk-heading-m">Agencies on the case</h2>
      <ul className="govuk-list govuk-list--bullet">
        {sheet.agencies.map((agency) => (
          <li key={agency.id}>
            {agency.name}
            {agency.isLead ? " (lead agency)" : ""}
          </li>
        ))}
      </ul>
    </>
  );
}

function Workspace({
  caseId,
  workspace,
  openedOn,
  canManageTeam,
}: {
  caseId: number;
  workspace: ReturnType<typeof useLoaderData<typeof loader>>["workspace"];
  openedOn: string;
  canManageTeam: boolean;
}) {
  const here = `/cases/${caseId}`;
  return (
    <nav aria-labelledby="workspace-heading" className="app-workspace">
      <h2 className="govuk-heading-m" id="workspace-heading">
        Working on this case
      </h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Signs of Safety map</dt>
          <dd className="govuk-summary-list__value">
            {workspace.latestMap ? (
              <Link className="govuk-link" to={`${here}/maps/${workspace.latestMap.id}`}>
                Open the map of {workspace.latestMap.heldOn}
                {workspace.latestMap.title ? `: ${workspace.latestMap.title}` : ""}
              </Link>
            ) : (
              "No map yet"
            )}
          </dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={`${here}/maps`}>
              {workspace.mapCount ? `All maps (${workspace.mapCount})` : "Start a map"}
            </Link>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Strategy meetings</dt>
          <dd className="govuk-summary-list__value">
            {workspace.latestMeeting ? (
              <Link className="govuk-link" to={`${here}/meetings/${workspace.latestMeeting.id}`}>
                {workspace.latestMeeting.title}
              </Link>
            ) : (
              "None yet"
            )}
            {workspace.latestMeeting && !workspace.latestMeeting.signedOff ? <div className="govuk-hint govuk-!-margin-0">Not signed off yet</div> : null}
          </dd>
          <dd className="govuk-summary-list__actions">
            {workspace.canConvene ? (
              <Link className="govuk-link" to={`${here}/meetings/new`}>
                Convene<span className="govuk-visually-hidden"> a strategy meeting</span>
              </Link>
            ) : null}
          </dd>
        </div>
        {workspace.icpc ? (
          <div className="govuk-summary-list__row" data-testid="icpc-clock">
            <dt className="govuk-summary-list__key">Initial child protection conference</dt>
            <dd className="govuk-summary-list__value">
              {`Due by ${workspace.icpc.due}. `}
              {workspace.icpc.left < 0 ? (
                <strong className="govuk-tag govuk-tag--red">{`Overdue by ${-workspace.icpc.left} working ${workspace.icpc.left === -1 ? "day" : "days"}`}</strong>
              ) : (
                <strong className={`govuk-tag ${workspace.icpc.left <= 3 ? "govuk-tag--orange" : "govuk-tag--blue"}`}>
                  {workspace.icpc.left === 0 ? "Due today" : `${workspace.icpc.left} working ${workspace.icpc.left === 1 ? "day" : "days"} left`}
                </strong>
              )}
            </dd>
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={`${here}/meetings/${workspace.icpc.meetingId}`}>
                The decision<span className="govuk-visually-hidden"> to convene the conference</span>
              </Link>
            </dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">The child's voice</dt>
          <dd className="govuk-summary-list__value">
            {workspace.childLastSeen
              ? `Last seen ${workspace.childLastSeen.on}, ${workspace.childLastSeen.alone ? "alone" : "not alone"}`
              : "Nothing recorded in the child's words yet"}
          </dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={`${here}/child-voice`}>
              Open<span className="govuk-visually-hidden"> the child's voice</span>
            </Link>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Case notes</dt>
          <dd className="govuk-summary-list__value">
            <a className="govuk-link" href="#case-notes-heading">
              Live notes, below
            </a>
          </dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={`${here}/notes/history`}>
              History<span className="govuk-visually-hidden"> of the case notes</span>
            </Link>
          </dd>
        </div>
        {workspace.restricted.map((notes) => (
          <div className="govuk-summary-list__row" key={notes.agencyId}>
            <dt className="govuk-summary-list__key">
              {notes.own ? "Your agency's restricted notes" : `${possessive(notes.agencyName)} restricted notes`}
            </dt>
            <dd className="govuk-summary-list__value">
              <strong className="govuk-tag govuk-tag--red">{`Restricted — ${notes.agencyName} only`}</strong>
              {notes.why ? <div className="govuk-hint govuk-!-margin-0">{notes.why}</div> : null}
            </dd>
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={`${here}/restricted/${notes.agencyId}`}>
                Open<span className="govuk-visually-hidden">{` ${possessive(notes.agencyName)} restricted notes`}</span>
              </Link>
            </dd>
          </div>
        ))}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Professionals and agencies</dt>
          <dd className="govuk-summary-list__value">Case opened {openedOn}</dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={`${here}/team`}>
              {canManageTeam ? "Add or remove" : "See all"}
              <span className="govuk-visually-hidden"> professionals and agencies</span>
            </Link>
          </dd>
        </div>
      </dl>
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
