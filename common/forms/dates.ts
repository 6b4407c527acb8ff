// Dates typed into the GOV.UK date input's three boxes: checked, and turned into ISO dates.

// Made once: making a formatter costs a hundred times more than using it, and oversight dates thousands of rows.
const englandDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** Today's date in England, which is what a person typing "today" means, whatever the server's time zone. */
export function todayInEngland(now = new Date()): string {
  return englandDateFormat.format(now);
}

/** "2019-03-27" from the three boxes, or null when all are empty. Only called once the date is known good. */
export function isoDate(day: string, month: string, year: string): string | null {
  if (day === "" && month === "" && year === "") return null;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * What is wrong with a date typed in three boxes, in the GOV.UK pattern's words, or undefined. `label` starts the
 * sentence ("Date of birth"); an empty date is a problem only when `required`.
 */
export function datePartsProblem(
  label: string,
  parts: { day: string; month: string; year: string },
  opts: { required?: boolean; notInFuture?: boolean; example?: string; today?: string } = {},
): string | undefined {
  const { day, month, year } = parts;
  const example = opts.example ?? "27 3 2019";
  if (day === "" && month === "" && year === "") return opts.required ? `Enter the ${label.toLowerCase()}` : undefined;
  if (day === "" || month === "" || year === "") return `${label} must include a day, month and year`;
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || year.length !== 4) return `${label} must be a real date, like ${example}`;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!real) return `${label} must be a real date, like ${example}`;
  if (Number(year) < 1900) return `${label} must be after 1900`;
  if (opts.notInFuture && isoDate(day, month, year)! > (opts.today ?? todayInEngland())) return `${label} must be today or in the past`;
  return undefined;
}

/** A date and a time in England as the instant it names (British Summer Time or not). */
export function instantInEngland(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(guess);
  const [h, m] = shown.split(":").map(Number);
  const [wantH, wantM] = time.split(":").map(Number);
  const offsetMinutes = (h * 60 + m - (wantH * 60 + wantM) + 24 * 60) % (24 * 60);
  return new Date(guess.getTime() - (offsetMinutes > 12 * 60 ? offsetMinutes - 24 * 60 : offsetMinutes) * 60_000);
}
