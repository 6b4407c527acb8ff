// GOV.UK's block pagination: a link to the page before and the page after, each with its own words ("Newer
// entries", "Previous page"). Nothing at all when there is neither.
import { Link } from "@remix-run/react";

export type PageLink = { href: string; title: string };

export function PreviousNext({ label, previous, next }: { label: string; previous: PageLink | null; next: PageLink | null }) {
  if (!previous && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={label}>
      {previous ? <PageLinkItem link={previous} direction="prev" /> : null}
      {next ? <PageLinkItem link={next} direction="next" /> : null}
    </nav>
  );
}

/** GOV.UK's arrows, pointing back and on. */
const arrows = {
  prev: "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z",
  next: "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z",
};

function PageLinkItem({ link, direction }: { link: PageLink; direction: "prev" | "next" }) {
  return (
    <div className={`govuk-pagination__${direction}`}>
      <Link className="govuk-link govuk-pagination__link" to={link.href} rel={direction}>
        <svg
          className={`govuk-pagination__icon govuk-pagination__icon--${direction}`}
          xmlns="http://www.w3.org/2000/svg"
          height="13"
          width="15"
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 15 13"
        >
          <path d={arrows[direction]}></path>
        </svg>
        <span className="govuk-pagination__link-title">{link.title}</span>
      </Link>
    </div>
  );
}
