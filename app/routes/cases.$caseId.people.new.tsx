import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { addCasePerson } from "../../server/cases/add-case-person";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { answersOf, DateInput, ErrorSummary, Radios, TextInput, yesNo } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitOrCancel } from "../components/page";
import { casePersonSchema } from "../../common/forms/case-person";
import { parseForm } from "../../common/forms/form-errors";
import { requireUser } from "../utils/auth.server";
import { pageTitle } from "../components/page-title";
import { audit, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Add a family or network member") }];

const fieldOrder = ["kind", "fullName", "relationship", "dobDay", "nhsNumber", "parentalResponsibility", "address", "school"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId, "edit:case");
  const sheet = await getFrontSheet(context.services.sql, facts.caseId);
  return { caseId: facts.caseId, reference: sheet?.reference ?? "", childName: sheet?.child?.fullName ?? "the child" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId, "edit:case");
  const parsed = parseForm(casePersonSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { id } = await addCasePerson(context.services.sql, { caseId: facts.caseId, person: parsed.data, addedBy: signedIn.user.id });
  await audit(context, signedIn, {
    action: "add:case-person",
    outcome: "success",
    caseId: facts.caseId,
    target: `case-person:${id}`,
    details: { kind: parsed.data.kind },
  });
  return redirect(`/cases/${facts.caseId}#people`);
}

export default function AddCasePerson() {
  const { caseId, reference, childName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values, field } = answersOf(actionData);
  return (
    <Column width="two-thirds">
      <BackLink to={`/cases/${caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={fieldOrder} />
      <PageHeading caption={caseCaption({ childName, reference })}>Add a family or network member</PageHeading>
      <Form method="post" noValidate>
        <Radios
          {...field("kind")}
          legend="Who are they?"
          options={[
            { value: "child", label: "A child in the family", hint: "For example a brother, sister or step-sibling" },
            { value: "family", label: "A family member", hint: "A parent, carer or someone living in the household" },
            { value: "network", label: "A member of the safety network", hint: "Someone who helps keep the child safe" },
          ]}
        />
        <TextInput {...field("fullName")} label="Full name" autoComplete="off" />
        <TextInput {...field("relationship")} label={`Relationship to ${childName}`} hint="For example: mother, mother's partner, maternal grandmother" />
        <DateInput
          prefix="dob"
          legend="Date of birth (optional)"
          hint="For example, 27 3 2019"
          error={errors?.dobDay}
          values={values}
        />
        <TextInput {...field("nhsNumber")} label="NHS number (optional)" hint="10 digits, for example 999 000 0018" inputMode="numeric" width="10" spellCheck={false} />
        <Radios
          {...field("parentalResponsibility")}
          defaultValue={values.parentalResponsibility ?? "no"}
          legend="Do they have parental responsibility?"
          inline
          options={yesNo}
        />
        <TextInput {...field("address")} label="Address (optional)" />
        <TextInput {...field("school")} label="School or setting (optional)" />
        <SubmitOrCancel cancelTo={`/cases/${caseId}`}>Add to the case</SubmitOrCancel>
      </Form>
    </Column>
  );
}
