// A strategy meeting's minutes, as a printed page: the full record under the access rules, or the family's version
// without anything restricted, marked not for family, or not marked for the family by its author. Each part of the
// minutes is its own piece, so the chair's "what the family will receive" page sets the two versions side by side
// from the same pieces.
import { formatDate, formatDateTime, possessive } from "../../common/format";
import { meetingKindNames } from "../../common/meeting-kinds";
import { chairPartAudience, chairPartTag } from "../../common/chair-part";
import type { MinutesData } from "../../server/meetings/read-minutes";
import { caseCaption, PageHeading } from "./page";
import { PrintHeader } from "./print-button";
import { Cell, Row, Table } from "./table";
import { TextBlocks } from "./text-blocks";
import { MinutesConferenceDecision, MinutesFamilyAttendance, MinutesViews } from "./conference-minutes";

const attendanceNames = { invited: "Not recorded", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;
const investigationNames = { none: "No", single: "Yes, single-agency", joint: "Yes, jointly with children's social care" } as const;

export function MeetingMinutes({ data }: { data: MinutesData }) {
  const { meeting } = data;
  return (
    <article className="app-print" data-testid="minutes">
      <PrintHeader back={{ to: `/cases/${data.caseId}/meetings/${meeting.id}`, label: "Back to the meeting" }} />
      <p className="govuk-body-s app-print__marking">
        {data.forFamily ? "Minutes for the family" : "OFFICIAL-SENSITIVE — professionals' minutes, not for the family"}
      </p>
      <PageHeading caption={caseCaption(data)}>{`${meetingKindNames[meeting.kind]}, ${formatDateTime(new Date(meeting.heldAt))}`}</PageHeading>
      <p className="govuk-body">
        {meeting.signedOffAt
          ? `Signed off by ${meeting.signedOffBy} on ${formatDateTime(new Date(meeting.signedOffAt))}.`
          : "Not signed off yet: this is the record as it stands."}{" "}
        {`Chaired by ${meeting.chairName}.`}
      </p>
      {meeting.concern !== null ? (
        <>
          <h2 className="govuk-heading-m">{data.conference ? "Why the conference is held" : "The concern"}</h2>
          <MinutesConcern data={data} />
        </>
      ) : null}

      <h2 className="govuk-heading-m">Attendance</h2>
      <MinutesAttendance data={data} />
      {data.conference ? <MinutesFamilyAttendance parts={data.conference} /> : null}

      {data.sections.length ? <h2 className="govuk-heading-m">{data.conference ? "Each agency's report" : "Each agency's information"}</h2> : null}
      {data.sections.map((section) => (
        <section key={section.agencyId} className="app-print__section">
          <h3 className="govuk-heading-s">{section.agencyName}</h3>
          <MinutesSection section={section} />
        </section>
      ))}

      {data.conference ? (
        <>
          <h2 className="govuk-heading-m">The family's and the child's views</h2>
          <MinutesViews parts={data.conference} forFamily={data.forFamily} />
        </>
      ) : null}

      <h2 className="govuk-heading-m">Risk scaling</h2>
      <MinutesScaling data={data} />

      <h2 className="govuk-heading-m">Decisions</h2>
      <MinutesDecisions data={data} />

      <h2 className="govuk-heading-m">Actions</h2>
      <MinutesActions data={data} />

      {data.addenda.length ? (
        <>
          <h2 className="govuk-heading-m">Addenda</h2>
          <MinutesAddenda data={data} />
        </>
      ) : null}
    </article>
  );
}

export function MinutesConcern({ data }: { data: MinutesData }) {
  return <p className="govuk-body app-preserve-lines">{data.meeting.concern}</p>;
}

export function MinutesAttendance({ data }: { data: MinutesData }) {
  // The professionals' minutes say who recorded each person's attendance; the family's do not.
  const recorded = "attendanceRecorded" in data ? data.attendanceRecorded : [];
  const recordedBy = (userId: number) => {
    const mark = recorded.find((row) => row.userId === userId);
    return mark ? ` (recorded by ${mark.recordedBy}, ${formatDateTime(new Date(mark.recordedAt))})` : "";
  };
  return (
    <ul className="govuk-list">
      {data.meeting.invitees.map((i) => (
        <li key={i.userId}>{`${i.fullName}, ${i.agencyName}: ${attendanceNames[i.attendance]}${recordedBy(i.userId)}`}</li>
      ))}
    </ul>
  );
}

/** One agency's section, and its part for the chair where this reader has it (never in the family's version). */
export function MinutesSection({ section }: { section: MinutesData["sections"][number] }) {
  return (
    <>
      <TextBlocks blocks={section.blocks} empty="Nothing recorded." />
      {section.chairOnly && section.chairOnly.length ? (
        <div className="app-restricted">
          <p className="govuk-body">
            <strong className="govuk-tag govuk-tag--red">{chairPartTag(section.agencyName, section.chairReaders ?? [])}</strong>{" "}
            <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
          </p>
          <h4 className="govuk-heading-s">{`${possessive(section.agencyName)} information for the chair`}</h4>
          <p className="govuk-body-s">{chairPartAudience(section.chairReaders ?? [])}</p>
          <TextBlocks blocks={section.chairOnly} />
        </div>
      ) : null}
    </>
  );
}

export function MinutesScaling({ data }: { data: MinutesData }) {
  return (
    <ul className="govuk-list">
      {data.scalings.map((s) => (
        <li key={s.agencyId}>{`${s.agencyName}: ${s.score} out of 10${s.reasons === null ? "" : `. ${s.reasons}`}`}</li>
      ))}
      {data.exemptions.map((e) => (
        <li key={e.agencyId}>{`${e.agencyName}: could not scale. ${e.reason}`}</li>
      ))}
      {data.scalings.length + data.exemptions.length === 0 ? <li>No agency has scaled yet.</li> : null}
    </ul>
  );
}

export function MinutesDecisions({ data }: { data: MinutesData }) {
  const { decisions } = data;
  return (
    <>
      {data.conference ? (
        <MinutesConferenceDecision parts={data.conference} initial={data.meeting.kind === "initial_conference"} />
      ) : data.family ? (
        <ul className="govuk-list" data-testid="minutes-decisions">
          <li>{`Section 47 enquiry: ${data.family.section47 ? "yes" : "no"}. ${data.family.section47Why}`}</li>
          <li>
            {data.family.icpcDueOn
              ? `An initial child protection conference is to be held by ${formatDate(data.family.icpcDueOn)}.`
              : "No initial child protection conference."}
          </li>
          {data.family.toldBy ? <li>{`${data.family.toldBy} tells the family on ${formatDate(data.family.toldOn)}.`}</li> : null}
        </ul>
      ) : decisions ? (
        <ul className="govuk-list" data-testid="minutes-decisions">
          <li>{`Section 47 enquiry: ${decisions.section47 ? "yes" : "no"}. ${decisions.section47Why}`}</li>
          <li>{`Police investigation: ${investigationNames[decisions.policeInvestigation]}.`}</li>
          <li>{`Immediate protection: ${decisions.immediateProtection ? `yes. ${decisions.immediateProtectionDetail}` : "not needed."}`}</li>
          <li>
            {decisions.icpc && decisions.icpcDueOn
              ? `An initial child protection conference is to be held by ${formatDate(decisions.icpcDueOn)}.`
              : "No initial child protection conference."}
          </li>
          <li>
            {decisions.familyTold
              ? `The family is told by ${decisions.familyToldBy} on ${formatDate(decisions.familyToldOn)}.`
              : `The family is not told yet: ${decisions.familyNotToldWhy}`}
          </li>
        </ul>
      ) : (
        <p className="govuk-body">Not recorded.</p>
      )}
      {data.dissent.length ? (
        <>
          <h3 className="govuk-heading-s">Dissent</h3>
          <ul className="govuk-list">
            {data.dissent.map((d) => (
              <li key={d.id}>{`${d.agencyName}: ${d.dissent}`}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function MinutesActions({ data }: { data: MinutesData }) {
  return data.actions.length ? (
    <Table caption="Actions" columns={["What", "Who", "By"]}>
      {data.actions.map((a) => (
        <Row key={a.id}>
          <Cell>{a.what}</Cell>
          <Cell>{`${a.ownerName} (${a.ownerAgencyName})`}</Cell>
          <Cell>{formatDate(a.dueOn)}</Cell>
        </Row>
      ))}
    </Table>
  ) : (
    <p className="govuk-body">None.</p>
  );
}

export function MinutesAddenda({ data }: { data: MinutesData }) {
  return (
    <>
      {data.addenda.map((a) => (
        <p className="govuk-body app-preserve-lines" key={a.id}>{`${a.addendum} (${a.addedBy}, ${a.addedByAgency}, ${formatDateTime(new Date(a.addedAt))})`}</p>
      ))}
    </>
  );
}
