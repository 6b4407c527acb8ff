// Recovery codes: shown once, straight after an authenticator app is set up; afterwards how many are left, and new ones
// on request (after proving it is you again), which replace the old.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { firstRecoveryCodes, recoveryCodesLeft, replaceRecoveryCodes, RECOVERY_CODE_COUNT } from "../../server/auth/authenticator";
import { noticeMessage, sendNotice } from "../../server/mail/account-mail";
import { Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { RecoveryCodes } from "../components/second-factor";
import { requireRecentConfirmation, requireUser, safeNextPath } from "../utils/auth.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your recovery codes") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const { sql, clock } = context.services;
  const next = new URL(request.url).searchParams.get("next");
  return {
    hasAuthenticator: user.hasAuthenticator,
    hasPasskey: user.hasPasskey,
    // Only just after setting up the app; never again.
    firstCodes: user.hasAuthenticator ? await firstRecoveryCodes(sql, user.id, clock()) : null,
    left: await recoveryCodesLeft(sql, user.id),
    total: RECOVERY_CODE_COUNT,
    next: next === null ? null : safeNextPath(next),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  if (!signedIn.user.hasAuthenticator) return { codes: null };
  requireRecentConfirmation(request, context, signedIn);
  const codes = await replaceRecoveryCodes(context.services.sql, signedIn.user.id, context.services.clock());
  await audit(context, signedIn, { action: "make:recovery-codes", outcome: "success", target: `user:${signedIn.user.id}` });
  void sendNotice(context.services.mailer, noticeMessage(signedIn.user, { kind: "recovery-codes-made" }, context.services.clock()));
  return { codes };
}

export default function YourRecoveryCodes() {
  const { hasAuthenticator, hasPasskey, firstCodes, left, total, next } = useLoaderData<typeof loader>();
  const codes = useActionData<typeof action>()?.codes ?? firstCodes;
  return (
    <Column width="two-thirds">
      <PageHeading>{firstCodes ? "Your authenticator app is set up" : "Your recovery codes"}</PageHeading>
      {codes ? (
        <>
          <RecoveryCodes codes={codes} />
          <Link to={next ?? "/"} className="govuk-button" data-module="govuk-button">
            I have saved my recovery codes
          </Link>
        </>
      ) : !hasAuthenticator ? (
        <p className="govuk-body">
          {hasPasskey
            ? "You use a passkey as your second factor, not an authenticator app, so you have no recovery codes."
            : "Your agency lets its people sign in with a password alone, so you have no recovery codes."}
        </p>
      ) : (
        <>
          <p className="govuk-body" data-testid="recovery-codes-left">
            You have {left} of {total} recovery codes left.
          </p>
          <p className="govuk-body">
            If you have used most of them, or think someone else has seen them, make new ones. Your old codes will stop
            working. If you have not given a code from your authenticator app in the last 15 minutes, you will be asked
            for one first.
          </p>
          <Form method="post">
            <SubmitButton variant="secondary">Make new recovery codes</SubmitButton>
          </Form>
        </>
      )}
    </Column>
  );
}
