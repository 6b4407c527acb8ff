// "Who is here now": everyone with the case open, by name and agency (in words, not only in their agency's colour).
import { useEffect, useState } from "react";
import type { PresenceState } from "../realtime/use-presence";

/** `headingLevel`: 2 where the list stands directly under the page's h1 (a map, a meeting), 3 inside a section. */
export function PresenceList({ presence, youUserId, headingLevel = 3 }: { presence: PresenceState; youUserId: number; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  // The server render and the first browser render agree (nothing known yet); the list fills in after that.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { present, ended } = presence;

  return (
    <div className="app-presence" data-testid="presence">
      <Heading className="govuk-heading-s" id="presence-heading">
        Who is here now
      </Heading>
      {!mounted ? (
        <noscript>
          <p className="govuk-body-s">Turn on JavaScript to see who else has this case open.</p>
        </noscript>
      ) : ended ? (
        <p className="govuk-body-s">{ended.message}</p>
      ) : present === null ? (
        <p className="govuk-body-s">Finding out who has this case open…</p>
      ) : (
        <>
          {presence.connected ? null : <p className="govuk-body-s">Reconnecting… this list may be out of date.</p>}
          <ul className="govuk-list app-presence__list" aria-labelledby="presence-heading">
            {present.map((person) => (
              <li key={person.userId} className="app-presence__person">
                {/* Set after hydration, through the DOM's style property, which the CSP allows. */}
                <span className="app-presence__colour" aria-hidden="true" style={{ backgroundColor: person.colour }} />
                <span>
                  <strong>{person.fullName}</strong>, {person.agencyName}
                  {person.userId === youUserId ? " (you)" : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
