// NHS numbers: ten digits, the last a modulus-11 check digit over the first nine.

/** Strips the spaces and hyphens people type ("999 000 0018"). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** "9990000018" → "999 000 0018", the way NHS numbers are printed. */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * What is wrong with an NHS number as typed, in GOV.UK's words, or undefined when it is a real one. Spaces (and the
 * hyphens some systems print) are allowed and stripped.
 */
export function nhsNumberProblem(input: string): string | undefined {
  const digits = normaliseNhsNumber(input);
  if (!/^\d*$/.test(digits)) return "NHS number must only include numbers 0 to 9 and spaces";
  if (digits.length !== 10) return "NHS number must be 10 digits, like 999 000 0018";
  if (!isValidNhsNumber(digits)) return "Enter a valid NHS number: the last digit does not match the others, so check each digit";
  return undefined;
}
