// Asking an agency of the screening team to check what it holds about a referral's child and family (issue 12 item 4):
// the agency and what is asked. Each agency is asked once; its screeners then write the check as a live document.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { askCheckFieldOrder, askCheckSchema, CHECK_TEXT_MAX } from "../../common/forms/contact-checks";
import { parseForm } from "../../common/forms/form-errors";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { askForCheck, listCheckingAgencies, listContactChecks } from "../../server/referrals/contact-documents";
import { answersOf, ErrorSummary, Radios, TextArea } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { requireContact } from "../utils/front-door.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Ask an agency to check") }];

/** The agencies not yet asked on this contact. */
async function agenciesToAsk(context: LoaderFunctionArgs["context"], contactId: number) {
  const [agencies, checks] = await Promise.all([listCheckingAgencies(context.services.sql), listContactChecks(context.services.sql, contactId)]);
  const asked = new Set(checks.map((check) => check.agencyId));
  return agencies.filter((agency) => !asked.has(agency.id));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "add:contact-document");
  await audit(context, signedIn, { action: "screen:contact", outcome: "success", target: `contact:${referral.id}:checks` });
  return { contactId: referral.id, childNames: referral.children.map((child) => child.fullName).join(", "), agencies: await agenciesToAsk(context, referral.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "add:contact-document");
  const parsed = parseForm(askCheckSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const asked = await askForCheck(context.services.sql, {
    contactId: referral.id,
    agencyId: parsed.data.agencyId,
    asked: parsed.data.asked,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: context.services.clock(),
  });
  if (!asked.ok) {
    const values = { agencyId: parsed.data.agencyId, asked: parsed.data.asked };
    const message =
      asked.problem === "already-asked"
        ? "That agency has already been asked for its check on this referral"
        : asked.problem === "decided"
          ? "This referral has just been decided: no more checks can be asked for"
          : "Choose an agency of the screening team";
    await audit(context, signedIn, { action: "add:contact-document", outcome: "failure", target: `contact:${referral.id}`, details: { reason: asked.problem } });
    return data({ errors: { agencyId: message }, values }, { status: 400 });
  }
  await audit(context, signedIn, { action: "add:contact-document", outcome: "success", target: `contact:${referral.id}`, details: { check: asked.id, agencyId: parsed.data.agencyId } });
  context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  return redirect(`/front-door/${referral.id}?asked=${encodeURIComponent(parsed.data.agencyId)}#checks`);
}

export default function AskForCheck() {
  const { contactId, childNames, agencies } = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  return (
    <Column width="two-thirds">
      <BackLink to={`/front-door/${contactId}`}>Back to the referral</BackLink>
      <ErrorSummary errors={errors} order={askCheckFieldOrder} />
      <PageHeading caption={`Referral R-${contactId} about ${childNames}`}>Ask an agency to check</PageHeading>
      {agencies.length === 0 ? (
        <p className="govuk-body">Every agency of the screening team has been asked for its check on this referral.</p>
      ) : (
        <Form method="post" noValidate>
          <Radios
            {...field("agencyId")}
            legend="Which agency?"
            hint="Its screeners write what it holds. The police's check can be read only by the police and the managers who decide, unless the police share it."
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
          <TextArea
            name="asked"
            label="What do you want them to check?"
            labelClassName="govuk-label--s"
            hint={`For example: incidents at the address in the last year. Up to ${CHECK_TEXT_MAX} characters.`}
            error={errors?.asked}
            defaultValue={values.asked}
            rows={4}
          />
          <SubmitButton>Ask for the check</SubmitButton>
        </Form>
      )}
    </Column>
  );
}
