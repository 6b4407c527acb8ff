// Matching a referral's child to children already known (issue 12 item 3; decision 035): the keys names and addresses
// are compared by, and why a child is a possible match, in the words the screening team reads.
// The address key is also a SQL function (contact_match_key, migration 017) so the database can look addresses up;
// the two are held together by a test.

/** Accents, and apostrophes ("O'Brien", "O’Brien"), dropped before anything else. */
const folded = (text: string) => text.normalize("NFKD").replace(/[\u0300-\u036f'’]/g, "");

/**
 * Letters and digits only, lower case: "Lily  MARSH" and "lily marsh" are the same name; "7 Gull Lane, Sandmere SM1
 * 4QT" and "7 gull lane sandmere sm14qt" the same address. Empty when nothing is left.
 */
export function matchKey(text: string): string {
  return folded(text).replace(/[^A-Za-z0-9]+/g, "").toLowerCase();
}

/** The last word of a name, as a key ("Lily Mae Smith-Jones" → "jones"); empty when there is none. */
export function surnameKey(name: string): string {
  const words = folded(name).split(/[^A-Za-z0-9]+/).filter(Boolean);
  return (words.at(-1) ?? "").toLowerCase();
}

/** An address too short to tell one home from another ("Flat 1") is never matched on. */
export const MIN_ADDRESS_KEY = 8;

export type MatchablePerson = { fullName: string; dateOfBirth: string | null; nhsNumber: string | null; address: string };

export type MatchReason = "same NHS number" | "same name and date of birth" | "same surname and date of birth" | "same address";

/** Why `other` may be the same child as `child`, strongest first; empty when nothing matches. */
export function matchReasons(child: MatchablePerson, other: MatchablePerson): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (child.nhsNumber && child.nhsNumber === other.nhsNumber) reasons.push("same NHS number");
  if (child.dateOfBirth && child.dateOfBirth === other.dateOfBirth) {
    const name = matchKey(child.fullName);
    if (name && name === matchKey(other.fullName)) reasons.push("same name and date of birth");
    else {
      const surname = surnameKey(child.fullName);
      if (surname && surname === surnameKey(other.fullName)) reasons.push("same surname and date of birth");
    }
  }
  const address = matchKey(child.address);
  if (address.length >= MIN_ADDRESS_KEY && address === matchKey(other.address)) reasons.push("same address");
  return reasons;
}

/** The same child for re-referral: the same NHS number, or the same name and date of birth. */
export function isSameChild(child: MatchablePerson, other: MatchablePerson): boolean {
  return matchReasons(child, other).some((reason) => reason === "same NHS number" || reason === "same name and date of birth");
}
