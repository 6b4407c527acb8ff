import { PageHeading } from "./page";

function GoToYourWork() {
  return (
    <p className="govuk-body">
      <a href="/" className="govuk-link">
        Go to your work
      </a>
    </p>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        If you followed a link to a child's record, you may not be working on that case. Ask the case's lead social
        worker to add you.
      </p>
      <GoToYourWork />
    </>
  );
}

export function ForbiddenPage() {
  return (
    <>
      <PageHeading>You cannot do this</PageHeading>
      <p className="govuk-body">Your role does not allow this. The attempt has been recorded.</p>
      <GoToYourWork />
    </>
  );
}
