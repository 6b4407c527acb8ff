// A strategy discussion convened from the front door: the referral's agency checks and its map, attached. Each check
// opens for those the policy lets read it (the police's restricted one only for the police and the deciding managers);
// the others see that it exists.
import { Link } from "@remix-run/react";
import type { MeetingPageData } from "./route";

export function FrontDoorChecksSection({ page }: { page: MeetingPageData }) {
  const from = page.frontDoor;
  if (!from) return null;
  return (
    <section aria-labelledby="front-door-checks" data-testid="front-door-checks">
      <h2 className="govuk-heading-m" id="front-door-checks">
        {`From the front door: referral R-${from.contactId}`}
      </h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/cases/${page.caseId}/referrals/${from.contactId}`}>
          Read the referral and the decision
        </Link>
      </p>
      {from.checks.length === 0 ? (
        <p className="govuk-body">No agency checks were made at the front door.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {from.checks.map((check) => (
            <li key={check.agencyId}>
              {check.canOpen ? (
                <Link className="govuk-link" to={`/front-door/${from.contactId}/checks/${check.agencyId}`}>
                  {`${check.agencyName}'s check`}
                </Link>
              ) : (
                `${check.agencyName}'s check (restricted to ${check.agencyName} and the managers who decide)`
              )}
              {check.completedAt ? `, completed ${check.completedAt}` : ", not completed"}
            </li>
          ))}
        </ul>
      )}
      {from.map?.carriedTo ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={from.map.carriedTo}>
            The map started at the front door
          </Link>{" "}
          is now the case's map.
        </p>
      ) : null}
    </section>
  );
}
