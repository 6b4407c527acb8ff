// The marking on everything restricted: who may read it, and that it never goes to the family.
export function RestrictedMarking({ agencyName }: { agencyName: string }) {
  return (
    <p className="govuk-body app-marking" data-testid="restricted-marking">
      <strong className="govuk-tag govuk-tag--red">{`Restricted — ${agencyName} only`}</strong>{" "}
      <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
    </p>
  );
}
