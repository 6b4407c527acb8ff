import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import appCss from "./app.css?url";
import { ForbiddenPage, NotFoundPage } from "./components/error-pages";
import { Header, type HeaderUser } from "./components/header";
import { useNonce } from "./components/nonce";
import { getSignedIn } from "./utils/auth.server";
import { pageTitle } from "./components/page-title";
import { can } from "../server/access/policy";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/govuk/govuk-frontend.min.css" },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? "Page not found" : status === 403 ? "You cannot do this" : "Sorry, there is a problem with the service";
  return [{ title: pageTitle(title) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request, context);
  const user: HeaderUser = signedIn
    ? {
        fullName: signedIn.user.fullName,
        agencyName: signedIn.user.agencyName,
        isAdministrator: signedIn.user.role === "administrator",
        screensContacts: can(signedIn.actor, "screen:contact", { type: "front-door" }),
        readsOversight:
          can(signedIn.actor, "read:oversight", { type: "partnership" }) ||
          can(signedIn.actor, "read:oversight", { type: "agency", agencyId: signedIn.user.agencyId }),
      }
    : null;
  return { user };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  useEffect(() => {
    // GOV.UK Frontend's components (error summary, radios, navigation toggle) start in the browser only.
    void import("govuk-frontend").then(({ initAll }) => initAll());
  }, []);
  return (
    <html lang="en" className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html:
              "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');",
          }}
        />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <Header user={data?.user ?? null} />
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p className="govuk-body-s">
                  Partnership Portal for the Sandmere Safeguarding Children Partnership. Every view and change of a
                  child's record is recorded with who made it, when and from which agency.
                </p>
              </div>
            </div>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (isRouteErrorResponse(error) && error.status === 403) return <ForbiddenPage />;
  // Never a stack trace: the details are in the server's log.
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later. Nothing you had already saved has been lost.</p>
      <p className="govuk-body">If it keeps happening, contact your agency's administrator.</p>
    </>
  );
}
