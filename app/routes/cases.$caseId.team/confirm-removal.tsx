// Removing a professional or an agency: the link in the tables, and the "are you sure" page it leads to.
import { Form, Link } from "@remix-run/react";
import { BackLink, Column, Hidden, PageHeading, SubmitOrCancel, WarningText } from "../../components/page";
import type { Confirmation } from "./team-page.server";

export function RemoveLink({ to, name }: { to: string; name: string }) {
  return (
    <Link className="govuk-link" to={to}>
      Remove<Hidden> {name} from the case</Hidden>
    </Link>
  );
}

export function ConfirmRemoval({
  confirm,
  caption,
  childName,
  teamPage,
}: {
  confirm: Exclude<Confirmation, { problem: string }>;
  caption: string;
  childName: string;
  teamPage: string;
}) {
  const who = confirm.kind === "member" ? confirm.name : `Everyone at ${confirm.name}`;
  return (
    <Column width="two-thirds">
      <BackLink to={teamPage}>Back to professionals and agencies</BackLink>
      <PageHeading caption={caption}>Remove {confirm.name} from the case?</PageHeading>
      {confirm.detail ? <p className="govuk-body">{confirm.detail}</p> : null}
      {confirm.kind === "agency" ? (
        confirm.alsoRemoved.length ? (
          <>
            <p className="govuk-body">These professionals will be removed with it:</p>
            <ul className="govuk-list govuk-list--bullet">
              {confirm.alsoRemoved.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body">None of its professionals are working on the case.</p>
        )
      ) : null}
      <WarningText>
        {who} will lose access to {childName}'s case straight away, including pages and notes open now. What has been
        recorded stays on the case.
      </WarningText>
      {/* Posted to the page itself, not to this confirmation's address: a refusal then shows on the page. */}
      <Form method="post" action={teamPage}>
        <input type="hidden" name="intent" value={confirm.kind === "member" ? "remove-member" : "remove-agency"} />
        <input type="hidden" name={confirm.kind === "member" ? "userId" : "agencyId"} value={confirm.id} />
        <input type="hidden" name="confirm" value="yes" />
        <SubmitOrCancel variant="warning" cancelTo={teamPage}>
          Yes, remove {confirm.name}
        </SubmitOrCancel>
      </Form>
    </Column>
  );
}
