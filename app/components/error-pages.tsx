export function NotFoundPage() {
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        If you followed a link to a child's record, you may not be working on that case. Ask the case's lead social
        worker to add you.
      </p>
      <p className="govuk-body">
        <a href="/" className="govuk-link">
          Go to your work
        </a>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  return (
    <>
      <h1 className="govuk-heading-l">You cannot do this</h1>
      <p className="govuk-body">Your role does not allow this. The attempt has been recorded.</p>
      <p className="govuk-body">
        <a href="/" className="govuk-link">
          Go to your work
        </a>
      </p>
    </>
  );
}
