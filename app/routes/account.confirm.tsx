// Proving it is you again before the most sensitive actions (decision 056): a code from your authenticator app, a
// recovery code, a passkey (decision 058), or (only where your agency lets you sign in without a second factor) your
// password. Then back to the page you came from.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { beginPasskeyAuthentication } from "../../server/auth/passkeys";
import { confirmIdentity, confirmIdentityWithPasskey, type Proof } from "../../server/auth/second-factor";
import { ErrorSummary, TextInput } from "../components/forms";
import { Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { UseAPasskey, type Ceremony } from "../components/passkeys";
import { SecondFactorInput } from "../components/second-factor";
import { parseForm } from "../../common/forms/form-errors";
import { passkeyRefusalMessages, UNREADABLE_ANSWER, usePasskeySchema } from "../../common/forms/passkeys";
import { authenticatorCodeSchema, CONFIRMATION_MINUTES, confirmPasswordSchema, recoveryCodeSchema } from "../../common/forms/second-factor";
import { confirmingProof, passkeySite, proofContext, proofRefusal, requireUser, safeNextPath, type SignedIn } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Confirm it is you") }];

/**
 * What this page asks for: a code (or recovery code), a passkey, the password (an exempt person with neither), or
 * "provider": only the agency's own sign-in (a person with no app or passkey, not exempt, decision 057).
 */
function proofAsked(request: Request, context: LoaderFunctionArgs["context"], signedIn: SignedIn): Proof | "provider" {
  const proof = confirmingProof(context, signedIn);
  if (proof !== "authenticator") return proof;
  return new URL(request.url).searchParams.get("with") === "recovery-code" ? "recovery-code" : "authenticator";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const url = new URL(request.url);
  const proof = proofAsked(request, context, signedIn);
  const other = new URLSearchParams({ next: safeNextPath(url.searchParams.get("next")) });
  if (proof === "authenticator") other.set("with", "recovery-code");
  // Where the person's agency signs them in with its own second factor, that service can confirm it is them too.
  const provider = context.services.singleSignOn.provider(signedIn.user.agencyId);
  const throughAgency = provider?.trustMfa
    ? `/sign-in/sso/${encodeURIComponent(provider.agencyId)}?${new URLSearchParams({ purpose: "confirm", next: safeNextPath(url.searchParams.get("next")) })}`
    : null;
  return {
    proof,
    hasPasskey: signedIn.user.hasPasskey,
    otherWay: proof === "password" || proof === "passkey" || proof === "provider" ? null : `/account/confirm?${other}`,
    throughAgency,
    agencyName: signedIn.user.agencyName,
  };
}

type ActionData = { errors?: Record<string, string>; ceremony?: Ceremony };

/** Proving it is you with one of your passkeys: a challenge for this session, then its answer. */
async function passkeyAction(request: Request, context: ActionFunctionArgs["context"], signedIn: SignedIn, form: FormData) {
  const { sql, clock } = context.services;
  if (form.get("intent") === "passkey-begin") {
    const options = await beginPasskeyAuthentication(sql, { userId: signedIn.user.id, sessionId: signedIn.session.id, relyingParty: passkeySite(request, context), now: clock() });
    return data<ActionData>({ ceremony: { kind: "authenticate", options } });
  }
  const answer = parseForm(usePasskeySchema, form);
  if (!answer.success) return data<ActionData>({ errors: { credential: answer.errors.credential ?? UNREADABLE_ANSWER } }, { status: 400 });
  const result = await confirmIdentityWithPasskey(sql, proofContext(context, signedIn), { response: answer.data.credential, relyingParty: passkeySite(request, context) });
  if (!result.ok) {
    const message = result.reason === "passkey" ? passkeyRefusalMessages[result.refusal] : proofRefusal(result, passkeyRefusalMessages.rejected);
    return data<ActionData>({ errors: { credential: message } }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next")));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const proof = proofAsked(request, context, signedIn);
  if (proof === "provider") return data<ActionData>({ errors: { form: `Confirm through ${signedIn.user.agencyName}'s sign-in` } }, { status: 400 });
  const form = await request.formData();
  const intent = form.get("intent");
  if (signedIn.user.hasPasskey && (intent === "passkey-begin" || intent === "passkey")) return passkeyAction(request, context, signedIn, form);
  if (proof === "passkey") return data<ActionData>({ errors: { credential: "Use your passkey to continue" } }, { status: 400 });
  const parsed =
    proof === "password" ? parseForm(confirmPasswordSchema, form) : proof === "recovery-code" ? parseForm(recoveryCodeSchema, form) : parseForm(authenticatorCodeSchema, form);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  const given = "password" in parsed.data ? parsed.data.password : "recoveryCode" in parsed.data ? parsed.data.recoveryCode : parsed.data.code;
  const result = await confirmIdentity(context.services.sql, proofContext(context, signedIn), proof, given);
  if (!result.ok) {
    const field = proof === "password" ? "password" : proof === "recovery-code" ? "recoveryCode" : "code";
    const wrong =
      proof === "password"
        ? "That password is not right"
        : proof === "recovery-code"
          ? "That recovery code is not right, or has been used. Check it and try again."
          : "That code is not right, or has been used. Wait for a new code and try again.";
    return data<ActionData>({ errors: { [field]: proofRefusal(result, wrong) } }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next")));
}

export default function ConfirmItIsYou() {
  const { proof, hasPasskey, otherWay, throughAgency, agencyName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={errors} order={["form", "code", "recoveryCode", "password", "credential"]} />
      <PageHeading>Confirm it is you</PageHeading>
      <p className="govuk-body">
        What you are doing next is one of the portal&apos;s most sensitive actions, so it asks you to prove it is you
        again. It will not ask again for {CONFIRMATION_MINUTES} minutes.
      </p>
      {proof === "passkey" || proof === "provider" ? null : (
        <Form method="post" noValidate>
          {proof === "password" ? (
            <TextInput name="password" label="Password" type="password" autoComplete="current-password" error={errors?.password} />
          ) : (
            <SecondFactorInput recovery={proof === "recovery-code"} errors={errors} />
          )}
          <SubmitButton>Continue</SubmitButton>
        </Form>
      )}
      <UseAPasskey hasPasskey={hasPasskey} only={proof === "passkey"} ceremony={result?.ceremony} />
      {otherWay ? <LinkParagraph to={otherWay}>{proof === "recovery-code" ? "Use your authenticator app instead" : "I cannot use my authenticator app"}</LinkParagraph> : null}
      {/* A full page load: the browser goes on to the agency's own sign-in service. */}
      {throughAgency && proof === "provider" ? (
        <a href={throughAgency} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Confirm through {agencyName}&apos;s sign-in
        </a>
      ) : throughAgency ? (
        <p className="govuk-body">
          <a className="govuk-link" href={throughAgency}>
            Confirm through {agencyName}&apos;s sign-in instead
          </a>
        </p>
      ) : null}
    </Column>
  );
}
