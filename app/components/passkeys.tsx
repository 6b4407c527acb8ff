// The browser's side of a passkey (decision 058): a form asks the portal for a challenge; the portal's answer (an
// action's `ceremony`) starts the browser's passkey prompt; what the authenticator signs goes back in another form.
import { Form, useSubmit } from "@remix-run/react";
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useEffect, useRef, type ReactNode } from "react";

/** The options @simplewebauthn/server made (only their challenge is read here). */
export type Ceremony = { kind: "register" | "authenticate"; options: { challenge: string } };

/**
 * Once `ceremony` arrives, asks the browser for the passkey (once per challenge) and posts its answer, as the field
 * `credential` with `fields`, to this page. A prompt the person cancels posts nothing as the answer, so the page says
 * so in its error summary. The challenge is also on the page, for tests that play the authenticator themselves.
 */
export function PasskeyCeremony({ ceremony, fields }: { ceremony: Ceremony | null | undefined; fields: Record<string, string> }) {
  const submit = useSubmit();
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!ceremony || asked.current === ceremony.options.challenge) return;
    asked.current = ceremony.options.challenge;
    void (async () => {
      let credential = "";
      try {
        const answer =
          ceremony.kind === "register"
            ? await startRegistration({ optionsJSON: ceremony.options as PublicKeyCredentialCreationOptionsJSON })
            : await startAuthentication({ optionsJSON: ceremony.options as PublicKeyCredentialRequestOptionsJSON });
        credential = JSON.stringify(answer);
      } catch {
        // Cancelled, timed out, or no passkey for the portal on this device: the empty answer is refused, with words.
      }
      submit({ ...fields, credential }, { method: "post", replace: true });
    })();
  }, [ceremony, fields, submit]);
  return ceremony ? <div hidden data-testid="passkey-challenge" data-ceremony={JSON.stringify(ceremony)} /> : null;
}

/** The button that starts a passkey prompt (its form's `intent`); the error summary's link for a refused passkey lands on it. */
export function PasskeyButton({ intent, children, secondary }: { intent: string; children: ReactNode; secondary?: boolean }) {
  return (
    <button
      type="submit"
      id="credential"
      name="intent"
      value={intent}
      className={`govuk-button${secondary ? " govuk-button--secondary" : ""}`}
      data-module="govuk-button"
    >
      {children}
    </button>
  );
}

/**
 * "Use a passkey" where a code may be given instead (the second step of signing in, proving it is you again): the
 * button, shown to someone with a passkey (the main button when `only`), and the prompt once the portal has answered.
 */
export function UseAPasskey({ hasPasskey, only, ceremony }: { hasPasskey: boolean; only: boolean; ceremony: Ceremony | null | undefined }) {
  return (
    <>
      {hasPasskey ? (
        <Form method="post" noValidate>
          <PasskeyButton intent="passkey-begin" secondary={!only}>
            Use a passkey
          </PasskeyButton>
        </Form>
      ) : null}
      <PasskeyCeremony ceremony={ceremony} fields={{ intent: "passkey" }} />
    </>
  );
}
