// One row of a GOV.UK summary list (see summary-list.tsx).
export { SummaryRow } from "./summary-list";
