// The pieces of the second step of signing in that several pages share: the code box, and recovery codes shown once.
import { Form } from "@remix-run/react";
import { TextInput } from "./forms";
import { WarningText } from "./page";

/** A box for a code from the authenticator app, or for a recovery code. */
export function SecondFactorInput({ recovery, errors }: { recovery: boolean; errors?: Record<string, string> }) {
  return recovery ? (
    <TextInput
      name="recoveryCode"
      label="Recovery code"
      hint="One of the 10 codes you were given when you set up your authenticator app, like abcde-23456. Each works once."
      width="10"
      autoComplete="off"
      spellCheck={false}
      error={errors?.recoveryCode}
    />
  ) : (
    <TextInput
      name="code"
      label="Code"
      hint="The 6-digit code your authenticator app shows for the Partnership Portal."
      width="5"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      error={errors?.code}
    />
  );
}

/**
 * Proving it is you inside a form for one of the most sensitive actions (decision 056), when the last proof is over 15
 * minutes old: the code (or, with no app, the password) goes with what the person typed, so none of it is lost.
 */
export function ConfirmInForm({ asked, error }: { asked: "authenticator" | "passkey" | "password" | "provider" | null; error?: string }) {
  // With a passkey, or through the agency's own sign-in (decision 057), the person is sent to confirm when they send
  // the form.
  if (!asked || asked === "provider" || asked === "passkey") return null;
  const hint = "This is one of the portal's most sensitive actions, so confirm it is you. You will not be asked again for 15 minutes.";
  return asked === "password" ? (
    <TextInput name="confirmCode" label="Your password" hint={hint} type="password" autoComplete="current-password" error={error} />
  ) : (
    <TextInput
      name="confirmCode"
      label="Code from your authenticator app"
      hint={hint}
      width="5"
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      error={error}
    />
  );
}

/** Recovery codes, shown once: the person is asked to keep them somewhere safe, apart from their phone. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Your recovery codes</h2>
      <p className="govuk-body">
        If you cannot use your authenticator app, each of these codes signs you in once. Keep them somewhere safe, apart
        from your phone: a locked drawer, or your agency&apos;s password manager.
      </p>
      <WarningText>You will not be shown these codes again.</WarningText>
      <ul className="govuk-list app-recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

/** For someone half signed in, whose header offers no sign-out yet: leaving the second step ends the session. */
export function SignOutInstead() {
  return (
    <Form method="post" action="/sign-out" reloadDocument>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Sign out
      </button>
    </Form>
  );
}
