// Who reads an agency's part for the chair at a meeting or conference, in the words every page and the minutes use.

/** "Police and Health", "Police, Health and Education". */
export const andList = (names: readonly string[]) =>
  names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/** "For the chair and Police only. Never for the family." (the author agency always reads its own part). */
export function chairPartAudience(namedAgencyNames: readonly string[]): string {
  return `For the chair${namedAgencyNames.length ? ` and ${andList(namedAgencyNames)}` : ""} only. Never for the family.`;
}

/** The part's restricted tag: "Restricted — Health, the chair and Police". */
export const chairPartTag = (agencyName: string, namedAgencyNames: readonly string[]) =>
  `Restricted — ${andList([agencyName, "the chair", ...namedAgencyNames])}`;
