export function StatusTag({ status }: { status: string }) {
  return status === "open" ? (
    <strong className="govuk-tag govuk-tag--blue">Open</strong>
  ) : (
    <strong className="govuk-tag govuk-tag--grey">Closed</strong>
  );
}
