// A statutory clock as every page shows it: the day it is due by, and a tag in words whose colour says how it stands.
export type ClockShown = { dueOn: string; words: string; colour: string };

export function ClockTag({ clock }: { clock: ClockShown }) {
  return <strong className={`govuk-tag govuk-tag--${clock.colour}`}>{clock.words}</strong>;
}

/** "Due by 12 December 2026" and the tag. */
export function DueBy({ clock }: { clock: ClockShown }) {
  return (
    <>
      Due by {clock.dueOn} <ClockTag clock={clock} />
    </>
  );
}
