const dayInMs = 86_400_000;

/**
 * The instant Ferry writes for a birthday: that day's UTC midnight (Outlook's own convention for
 * birthdays it stores is UNVERIFIED; one constant, read back right by birthdayOf either way).
 */
export const birthdayTimeOfDay = 'T00:00:00Z';

/** A device birthday (`YYYY-MM-DD`) as the DateTimeOffset Graph holds. Pure. */
export function toGraphBirthday(date: string): string {
  return `${date}${birthdayTimeOfDay}`;
}

/**
 * Graph holds a birthday as a DateTimeOffset; Outlook stores a local midnight (a day east of UTC reads
 * 22:00Z the day before). The date of the nearest UTC midnight is the day meant. Unparseable: left out.
 */
export function birthdayOf(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.round(ms / dayInMs) * dayInMs).toISOString().slice(0, 10);
}
