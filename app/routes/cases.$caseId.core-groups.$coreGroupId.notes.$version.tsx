// A core group's notes as a printed page: `full`, the notes as the policy lets this person read them; `family`, the
// family's version, which holds only what each agency has marked for the family (server/core-groups/core-group-record.ts).
// Read by those who read the notes; anyone else gets 404, audited.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { progressStatusNames } from "../../common/forms/core-groups";
import { formatDate, formatDateTime, possessive } from "../../common/format";
import { coreGroupNotesResource } from "../../server/access/core-group-resources";
import { coreGroupNotesName } from "../../server/documents/core-group-notes";
import { loadCoreGroupRecord } from "../../server/core-groups/core-group-record";
import { ScrollableTable } from "../components/banners";
import { ChildVoiceSummary } from "../components/child-voice";
import { caseCaption, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { PrintHeader } from "../components/print-button";
import { Cell, Row, RowHeader, Table } from "../components/table";
import { TextBlocks } from "../components/text-blocks";
import { requireUser } from "../utils/auth.server";
import { requireCoreGroup } from "../utils/core-group.server";
import { audit, authorize, notFound } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Core group notes") }];

const attendanceWords = { invited: "Not recorded", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireCoreGroup(context, signedIn, params);
  if (params.version !== "full" && params.version !== "family") throw notFound();
  const forFamily = params.version === "family";
  const document = `document:${coreGroupNotesName(on.facts.caseId, on.coreGroup.id)}`;
  await authorize(context, signedIn, "read:record", coreGroupNotesResource(on.facts, on.group), { target: document, caseId: on.facts.caseId, hide: true });
  const record = await loadCoreGroupRecord(context.services.sql, on.coreGroup, { forFamily });
  await audit(context, signedIn, { action: forFamily ? "view:core-group-notes-for-family" : "view:core-group-notes", outcome: "success", caseId: on.facts.caseId, target: on.target });
  return record;
}

export default function CoreGroupNotes() {
  const data = useLoaderData<typeof loader>();
  const { coreGroup } = data;
  return (
    <article className="app-print" data-testid="core-group-notes">
      <PrintHeader back={{ to: `/cases/${data.caseId}/core-groups/${coreGroup.id}`, label: "Back to the core group" }} />
      <p className="govuk-body-s app-print__marking">
        {data.forFamily ? "Core group notes for the family" : "OFFICIAL-SENSITIVE — professionals' notes, not for the family"}
      </p>
      <PageHeading caption={caseCaption(data)}>{`Core group, ${formatDateTime(new Date(coreGroup.heldAt))}`}</PageHeading>
      <p className="govuk-body">
        {coreGroup.signedOffAt
          ? `Signed off by ${coreGroup.signedOffBy} on ${formatDateTime(new Date(coreGroup.signedOffAt))}.`
          : "Not signed off yet: these are the notes as they stand."}
      </p>

      <h2 className="govuk-heading-m">Attendance</h2>
      <ScrollableTable label="Who was at the core group">
        <Table caption="Who was at the core group" columns={["Member", "Agency", "Attendance"]}>
          {data.attendance.map((member, index) => (
            <Row key={index}>
              <RowHeader>{member.fullName}</RowHeader>
              <Cell>{member.agencyName}</Cell>
              <Cell>{attendanceWords[member.attendance]}</Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>

      <h2 className="govuk-heading-m">Each agency's notes</h2>
      {data.sections.length ? null : <p className="govuk-body">No agency's notes are marked for the family.</p>}
      {data.sections.map((section) => (
        <section key={section.agencyId} className="app-print__section">
          <h3 className="govuk-heading-s">{section.agencyName}</h3>
          <TextBlocks blocks={section.blocks} empty="Nothing written." />
        </section>
      ))}

      <h2 className="govuk-heading-m">Progress on the plan's actions</h2>
      {data.outcomes.map((outcome) => (
        <section key={outcome.number} className="app-print__section">
          <h3 className="govuk-heading-s">{`Outcome ${outcome.number}: ${outcome.wording}`}</h3>
          <ScrollableTable label={`The actions of outcome ${outcome.number}`}>
            <Table caption={`The actions of outcome ${outcome.number}`} columns={["Action", "Who", "By when", "Progress"]}>
              {outcome.actions.map((action) => (
                <Row key={action.number}>
                  <RowHeader>{`${action.number} ${action.what}`}</RowHeader>
                  <Cell>{action.owner}</Cell>
                  <Cell>{formatDate(action.dueOn)}</Cell>
                  <Cell className="app-preserve-lines">
                    {action.progress
                      ? [progressStatusNames[action.progress.status], action.progress.reason && `Why: ${action.progress.reason}`, action.progress.note, `(${action.progress.recordedBy})`]
                          .filter(Boolean)
                          .join(". ")
                      : "Not said at this core group"}
                  </Cell>
                </Row>
              ))}
            </Table>
          </ScrollableTable>
        </section>
      ))}

      {data.forFamily ? null : (
        <>
          <h2 className="govuk-heading-m">{`${possessive(data.childName.split(" ")[0])} views since ${data.childViews.since}`}</h2>
          {data.childViews.entries.length ? data.childViews.entries.map((entry) => <ChildVoiceSummary entry={entry} key={entry.id} />) : <p className="govuk-body">Nothing recorded.</p>}
          {data.addenda.length ? (
            <>
              <h2 className="govuk-heading-m">Addenda</h2>
              {data.addenda.map((addendum) => (
                <p className="govuk-body app-preserve-lines" key={addendum.id}>{`${addendum.addendum} (${addendum.addedBy}, ${addendum.addedByAgency}, ${formatDateTime(new Date(addendum.addedAt))})`}</p>
              ))}
            </>
          ) : null}
        </>
      )}
    </article>
  );
}
