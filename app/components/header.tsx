import { Form, Link, useLocation } from "@remix-run/react";

export type HeaderUser = { fullName: string; agencyName: string; isAdministrator: boolean; screensContacts: boolean; readsOversight: boolean } | null;

export function Header({ user }: { user: HeaderUser }) {
  return (
    <header className="govuk-template__header" data-module="govuk-header">
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <a href="/" className="govuk-generic-header__homepage-link">
              Sandmere Safeguarding Children Partnership
            </a>
          </div>
        </div>
      </div>
      <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <a href="/" className="govuk-service-navigation__link">
                Partnership Portal
              </a>
            </span>
            {user ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list" id="navigation">
                  <NavItem to="/" label="Your work" end />
                  {user.screensContacts ? <NavItem to="/front-door" label="Front door" /> : null}
                  {user.readsOversight ? <NavItem to="/oversight" label="Oversight" /> : null}
                  {user.isAdministrator ? <NavItem to="/people" label="People" /> : null}
                  <NavItem to="/account/sessions" label="Your sessions" />
                  <li className="govuk-service-navigation__item app-signed-in-as">
                    <span className="govuk-service-navigation__text" data-testid="signed-in-as">
                      {`${user.fullName}, ${user.agencyName}`}
                    </span>
                  </li>
                  <li className="govuk-service-navigation__item">
                    <Form method="post" action="/sign-out" className="app-sign-out" reloadDocument>
                      <button type="submit" className="govuk-service-navigation__link app-link-button">
                        Sign out
                      </button>
                    </Form>
                  </li>
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </section>
    </header>
  );
}

function NavItem({ to, label, end }: { to: string; label: string; end?: boolean }) {
  const { pathname } = useLocation();
  const current = end ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <li className={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}>
      <Link className="govuk-service-navigation__link" to={to} aria-current={current ? "page" : undefined}>
        {current ? <strong className="govuk-service-navigation__active-fallback">{label}</strong> : label}
      </Link>
    </li>
  );
}
