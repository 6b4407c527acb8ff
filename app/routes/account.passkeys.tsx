// Your passkeys (decision 058): each with the name its person gave it, when it was added and last used; adding one
// and removing one both ask the person to have proved it is them in the last 15 minutes. Adding one is emailed to them.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { beginPasskeyRegistration, finishPasskeyRegistration, listPasskeys, removePasskey } from "../../server/auth/passkeys";
import { noticeMessage, sendNotice } from "../../server/mail/account-mail";
import { SuccessBanner } from "../components/banners";
import { ErrorSummary, TextInput } from "../components/forms";
import { Hidden, PageHeading, RowButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { PasskeyButton, PasskeyCeremony, type Ceremony } from "../components/passkeys";
import { Cell, Row, Table } from "../components/table";
import { formatDateTime } from "../../common/format";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { parseForm } from "../../common/forms/form-errors";
import { addPasskeySchema, passkeyNameSchema, passkeyRefusalMessages, removePasskeySchema } from "../../common/forms/passkeys";
import { passkeySite, requireRecentConfirmation, requireUser } from "../utils/auth.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your passkeys") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const passkeys = await listPasskeys(context.services.sql, user.id);
  return {
    passkeys: passkeys.map((passkey) => ({
      id: passkey.id,
      name: passkey.name,
      added: formatDateTime(passkey.createdAt),
      lastUsed: passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : "Not used yet",
    })),
  };
}

type ActionData = { errors?: Record<string, string>; values?: Record<string, string>; ceremony?: Ceremony; message?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { sql, clock, mailer } = context.services;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "begin-add" && intent !== "add" && intent !== "remove")
    return data<ActionData>({ errors: { form: "The form could not be read. Reload the page and try again" } }, { status: 400 });
  requireRecentConfirmation(request, context, signedIn);

  if (intent === "remove") {
    const parsed = parseForm(removePasskeySchema, form);
    const name = parsed.success ? await removePasskey(sql, { userId: signedIn.user.id, passkeyId: parsed.data.passkeyId }) : null;
    if (name === null) return data<ActionData>({ errors: { form: "That passkey is not one of yours, or was already removed" } }, { status: 400 });
    await audit(context, signedIn, { action: "remove:passkey", outcome: "success", target: `user:${signedIn.user.id}`, details: { name } });
    // The partnership manager's share of people with a second factor may have moved.
    context.services.events.publish({ room: OVERSIGHT_ROOM, what: "oversight" });
    // Told by email too, so that a passkey removed by someone else in the person's session is noticed.
    void sendNotice(context.services.mailer, noticeMessage(signedIn.user, { kind: "passkey-removed", name }, context.services.clock()));
    return data<ActionData>({ message: `The passkey "${name}" was removed` });
  }

  if (intent === "begin-add") {
    const parsed = parseForm(passkeyNameSchema, form);
    if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const options = await beginPasskeyRegistration(sql, { user: signedIn.user, sessionId: signedIn.session.id, relyingParty: passkeySite(request, context), now: clock() });
    return data<ActionData>({ ceremony: { kind: "register", options }, values: { name: parsed.data.name } });
  }

  const parsed = parseForm(addPasskeySchema, form);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values: { name: parsed.values.name ?? "" } }, { status: 400 });
  const added = await finishPasskeyRegistration(sql, {
    userId: signedIn.user.id,
    sessionId: signedIn.session.id,
    relyingParty: passkeySite(request, context),
    now: clock(),
    name: parsed.data.name,
    response: parsed.data.credential,
  });
  if (!added.ok) {
    await audit(context, signedIn, { action: "add:passkey", outcome: "failure", target: `user:${signedIn.user.id}`, details: { reason: added.reason } });
    return data<ActionData>({ errors: { credential: passkeyRefusalMessages[added.reason] }, values: { name: parsed.data.name } }, { status: 400 });
  }
  await audit(context, signedIn, { action: "add:passkey", outcome: "success", target: `user:${signedIn.user.id}`, details: { name: parsed.data.name } });
  context.services.events.publish({ room: OVERSIGHT_ROOM, what: "oversight" });
  // Told by email, so that a passkey added by someone else in the person's session is noticed (sent without waiting).
  void sendNotice(mailer, noticeMessage(signedIn.user, { kind: "passkey-added", name: parsed.data.name }, clock()));
  return data<ActionData>({ message: `The passkey "${parsed.data.name}" was added` });
}

export default function YourPasskeys() {
  const { passkeys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <>
      <ErrorSummary errors={errors} order={["form", "name", "credential"]} />
      {result?.message ? <SuccessBanner id="passkeys-result" heading={result.message} /> : null}
      <PageHeading>Your passkeys</PageHeading>
      <p className="govuk-body">
        A passkey lets you sign in with your fingerprint, face or device PIN instead of your password and a code. It can
        also be your second step after your password, instead of your authenticator app. Adding or removing one asks you
        to prove it is you first, if you have not in the last 15 minutes.
      </p>
      {passkeys.length ? (
        <Table caption="Your passkeys" captionSize="m" columns={["Name", "Added", "Last used", { hidden: "Action" }]}>
          {passkeys.map((passkey) => (
            <Row key={passkey.id}>
              <Cell>{passkey.name}</Cell>
              <Cell>{passkey.added}</Cell>
              <Cell>{passkey.lastUsed}</Cell>
              <Cell>
                <Form method="post">
                  <input type="hidden" name="passkeyId" value={passkey.id} />
                  <RowButton intent="remove" variant="warning">
                    Remove<Hidden> the passkey {passkey.name}</Hidden>
                  </RowButton>
                </Form>
              </Cell>
            </Row>
          ))}
        </Table>
      ) : (
        <p className="govuk-body">You have not added a passkey.</p>
      )}
      <h2 className="govuk-heading-m">Add a passkey</h2>
      <Form method="post" noValidate>
        <TextInput
          name="name"
          label="Name for the passkey"
          hint="So you can tell your passkeys apart, like “Work laptop” or “My phone”. Up to 100 characters."
          width="20"
          autoComplete="off"
          error={errors?.name}
          defaultValue={result?.values?.name}
        />
        <PasskeyButton intent="begin-add">Add a passkey</PasskeyButton>
      </Form>
      <PasskeyCeremony ceremony={result?.ceremony} fields={{ intent: "add", name: result?.values?.name ?? "" }} />
    </>
  );
}
