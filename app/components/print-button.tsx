// "Print this page": a button only once JavaScript can act on it; the browser's own print works without it. And the
// top of every printable page: the way back and the button, neither of which is printed.
import { Link } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";

function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return <span className="govuk-body">Use your browser's print command to print this page.</span>;
  return (
    <button type="button" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" onClick={() => window.print()}>
      Print this page
    </button>
  );
}

export function PrintHeader({ back, children }: { back: { to: string; label: string }; children?: ReactNode }) {
  return (
    <div className="app-no-print">
      <Link to={back.to} className="govuk-back-link">
        {back.label}
      </Link>
      <p className="govuk-body">
        <PrintButton />
      </p>
      {children}
    </div>
  );
}
