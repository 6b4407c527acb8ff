// Setting off to an agency's own sign-in service (decision 057): a link, not a form, since the browser is sent on to
// another site (a form's redirect there would break the portal's form-action policy). `?purpose=confirm`: proving it
// is you again, through the same service, for the session already signed in.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/forms";
import { Column, LinkParagraph, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { getSignedIn, requireUser, safeNextPath } from "../utils/auth.server";
import { NOT_LISTED, setOffToProvider } from "../utils/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Error: Sign in through your agency") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const agencyId = String(params.agencyId ?? "").slice(0, 100);
  const confirming = url.searchParams.get("purpose") === "confirm";
  let sessionId: string | null = null;
  if (confirming) {
    const signedIn = await requireUser(request, context);
    // Only through the person's own agency's service: nobody else's sign-in says who they are.
    if (signedIn.user.agencyId !== agencyId) throw redirect(`/account/confirm?next=${encodeURIComponent(next)}`);
    sessionId = signedIn.session.id;
  } else if (await getSignedIn(request, context)) throw redirect(next);
  const problem = await setOffToProvider(request, context, { agencyId, purpose: confirming ? "confirm" : "sign-in", sessionId, next });
  const back = confirming ? `/account/confirm?next=${encodeURIComponent(next)}` : "/sign-in";
  return data({ problem, back }, { status: problem === NOT_LISTED ? 404 : 503 });
}

export default function NotSetOff() {
  const { problem, back } = useLoaderData<typeof loader>();
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={{ form: problem }} />
      <PageHeading>Sign in through your agency</PageHeading>
      <LinkParagraph to={back}>Go back</LinkParagraph>
    </Column>
  );
}
