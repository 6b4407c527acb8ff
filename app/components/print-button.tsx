// "Print this page": a button only once JavaScript can act on it; the browser's own print works without it.
import { useEffect, useState } from "react";

export function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return <span className="govuk-body">Use your browser's print command to print this page.</span>;
  return (
    <button type="button" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" onClick={() => window.print()}>
      Print this page
    </button>
  );
}
