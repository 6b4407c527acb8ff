// Every measure's headline in one list at the top of the oversight page: a partnership board reads down it first,
// and each title jumps to the measure's own section (its definition, trend, table and downloads) further down.
import type { MeasureView } from "../../../server/oversight/dashboard";

/** `linked`: each title jumps to its section (on screen; on paper there is nothing to follow). */
export function AtAGlance({ groups, linked = true }: { groups: { title: string; measures: MeasureView[] }[]; linked?: boolean }) {
  return (
    <section aria-labelledby="at-a-glance" className="app-section" data-testid="at-a-glance">
      <h2 className="govuk-heading-l" id="at-a-glance">
        At a glance
      </h2>
      {groups.map((group) => (
        <div key={group.title}>
          <h3 className="govuk-heading-s">{group.title}</h3>
          <dl className="govuk-summary-list">
            {group.measures.map((measure) => (
              <div className="govuk-summary-list__row" key={measure.id}>
                <dt className="govuk-summary-list__key">
                  {linked ? (
                    <a className="govuk-link" href={`#measure-${measure.id}`}>
                      {measure.title}
                    </a>
                  ) : (
                    measure.title
                  )}
                </dt>
                <dd className="govuk-summary-list__value" data-testid={`glance-${measure.id}`}>
                  {measure.headline}
                  {measure.national ? <span className="govuk-body-s app-oversight-source">{` (England: ${measure.national.text})`}</span> : null}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
