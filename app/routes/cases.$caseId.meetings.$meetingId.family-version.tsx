// What the family will receive, beside the full record: for the chair, before signing off. Read-only; both columns are
// built as the two minutes are (the family's from the family's allow-list alone), part by part, so what the family's
// column holds is exactly the family's minutes' bytes.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDateTime } from "../../common/format";
import { meetingKindNames } from "../../common/meeting-kinds";
import { meetingQuestions } from "../../server/meetings/meeting-controls";
import { readMinutes } from "../../server/meetings/read-minutes";
import {
  MinutesActions,
  MinutesAddenda,
  MinutesAttendance,
  MinutesConcern,
  MinutesDecisions,
  MinutesScaling,
  MinutesSection,
} from "../components/meeting-minutes";
import { MinutesFamilyAttendance, MinutesViews } from "../components/conference-minutes";
import { caseCaption, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { requireMeeting } from "../utils/meeting.server";
import { audit, authorize } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("What the family will receive") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireMeeting(context, signedIn, params);
  const target = `meeting:${on.meeting.id}`;
  await authorize(context, signedIn, ...meetingQuestions.familyVersion(on), { target, caseId: on.facts.caseId });
  const [full, family] = await Promise.all([
    readMinutes(context.services.sql, signedIn.actor, on, false),
    readMinutes(context.services.sql, signedIn.actor, on, true),
  ]);
  await audit(context, signedIn, { action: "view:family-version", outcome: "success", caseId: on.facts.caseId, target, details: { restrictedRead: full.restrictedRead } });
  return { full, family };
}

/** One part of the record: the full record on the left, the family's version on the right (one above the other on a phone). */
function Beside({ title, full, family, level = 2 }: { title: string; full: ReactNode; family: ReactNode; level?: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <section className="app-section">
      <Heading className={level === 2 ? "govuk-heading-m" : "govuk-heading-s"}>{title}</Heading>
      <div className="govuk-grid-row app-beside">
        <div className="govuk-grid-column-one-half" data-testid={`full-${slug}`}>
          <p className="govuk-caption-m">The full record</p>
          {full}
        </div>
        <div className="govuk-grid-column-one-half app-beside__family" data-testid={`family-${slug}`}>
          <p className="govuk-caption-m">The family's version</p>
          {family}
        </div>
      </div>
    </section>
  );
}

const left = (why: string) => <p className="govuk-body app-empty">{`Not in the family's version: ${why}.`}</p>;

export default function FamilyVersion() {
  const { full, family } = useLoaderData<typeof loader>();
  const { meeting } = full;
  const here = `/cases/${full.caseId}/meetings/${meeting.id}`;
  return (
    <>
      <Link to={here} className="govuk-back-link">
        Back to the meeting
      </Link>
      <PageHeading caption={caseCaption(full)}>What the family will receive</PageHeading>
      <p className="govuk-body">
        {`${meetingKindNames[meeting.kind]}, ${formatDateTime(new Date(meeting.heldAt))}. `}
        {meeting.signedOffAt
          ? `Signed off on ${formatDateTime(new Date(meeting.signedOffAt))}: the family's version can no longer change.`
          : "Not signed off yet: each agency can still give its section to the family, or hold it back, and you the concern."}
      </p>
      <p className="govuk-body">
        The family's version holds an agency's section and the concern only once their author has given them to the family,
        every agency's scaling reasons only where that agency said the family may see them, and never a part for the chair,
        the police's investigation, dissent or addenda.{" "}
        <Link className="govuk-link" to={`${here}/minutes/family`}>
          Open the minutes for the family
        </Link>
      </p>

      <Beside
        title="The concern"
        full={<MinutesConcern data={full} />}
        family={family.meeting.concern !== null ? <MinutesConcern data={family} /> : left("the chair has not given it to the family")}
      />
      <Beside
        title="Attendance"
        full={<MinutesAttendance data={full} />}
        family={<MinutesAttendance data={family} />}
      />
      {full.conference && family.conference ? (
        <>
          <Beside title="The family members who attend" full={<MinutesFamilyAttendance parts={full.conference} />} family={<MinutesFamilyAttendance parts={family.conference} />} />
          <Beside title="The family's and the child's views" full={<MinutesViews parts={full.conference} forFamily={false} />} family={<MinutesViews parts={family.conference} forFamily />} />
        </>
      ) : null}
      <section className="app-section" aria-labelledby="information-heading">
        <h2 className="govuk-heading-m" id="information-heading">
          Each agency's information
        </h2>
        {full.sections.map((section) => {
          const given = family.sections.find((s) => s.agencyId === section.agencyId);
          return (
            <Beside
              key={section.agencyId}
              level={3}
              title={section.agencyName}
              full={<MinutesSection section={section} />}
              family={given ? <MinutesSection section={given} /> : left(`${section.agencyName} has not given it to the family`)}
            />
          );
        })}
      </section>
      <Beside title="Risk scaling" full={<MinutesScaling data={full} />} family={<MinutesScaling data={family} />} />
      <Beside title="Decisions" full={<MinutesDecisions data={full} />} family={<MinutesDecisions data={family} />} />
      <Beside title="Actions" full={<MinutesActions data={full} />} family={<MinutesActions data={family} />} />
      {full.addenda.length ? (
        <Beside title="Addenda" full={<MinutesAddenda data={full} />} family={left("addenda are for professionals")} />
      ) : null}
    </>
  );
}
