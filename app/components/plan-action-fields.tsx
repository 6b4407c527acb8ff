// The fields of an action of a child protection plan in SMART form, as the plan page adds one and the action's own
// page changes it: what, why, who (grouped by agency), by when, and how progress will be measured.
import type { FieldErrors } from "../../common/forms/form-errors";
import { Select, TextArea, TextInput } from "./forms";

export type PlanOwnerOption = { userId: number; label: string; agencyName: string };

/** The owners grouped by agency, in the order given (agency, then name). */
function ownerGroups(owners: PlanOwnerOption[]) {
  const groups: { label: string | null; options: { value: string; label: string }[] }[] = [];
  for (const owner of owners) {
    let group = groups.find((candidate) => candidate.label === owner.agencyName);
    if (!group) groups.push((group = { label: owner.agencyName, options: [] }));
    group.options.push({ value: String(owner.userId), label: owner.label });
  }
  return groups;
}

export function PlanActionFields({
  owners,
  errors,
  values,
  firstName,
}: {
  owners: PlanOwnerOption[];
  errors: FieldErrors | undefined;
  values: Record<string, string | undefined>;
  firstName: string;
}) {
  return (
    <>
      <TextArea name="what" label="What will be done" error={errors?.what} defaultValue={values.what} rows={2} />
      <TextArea name="why" label="Why" hint={`What it changes for ${firstName}`} error={errors?.why} defaultValue={values.why} rows={2} />
      <Select
        name="ownerUserId"
        label="Who will do it"
        hint="Someone working on this case; their agency is recorded with them"
        error={errors?.ownerUserId}
        defaultValue={values.ownerUserId}
        placeholder="Select a person"
        groups={ownerGroups(owners)}
      />
      <TextInput
        name="due"
        label="By when"
        hint="A real date, today or later, for example 4 12 2026. “Ongoing”, “ASAP” and “TBC” are not dates."
        error={errors?.due}
        defaultValue={values.due}
        width="10"
      />
      <TextArea name="measure" label="How progress will be measured" hint="What the core group will see or hear when it is done" error={errors?.measure} defaultValue={values.measure} rows={2} />
    </>
  );
}
