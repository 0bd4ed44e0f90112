/** Asks Graph for ids that survive a move between folders. https://learn.microsoft.com/en-us/graph/outlook-immutable-id */
export const immutableIdPreference = 'IdType="ImmutableId"';

/** Splits a Prefer value on the commas that are not inside quotes. */
function splitPreferences(value: string): string[] {
  return (value.match(/(?:[^,"]|"[^"]*")+/g) ?? []).map((part) => part.trim()).filter((part) => part !== '');
}

function preferenceName(preference: string): string {
  return (preference.split(/[=;]/, 1)[0] ?? '').trim().toLowerCase();
}

/**
 * Merges Prefer values into one comma-separated header (RFC 7240 §2: `Prefer = 1#preference`, and a
 * preference given twice counts only the first time, so the first value passed wins). Graph reads
 * several preferences from one header, e.g. `IdType="ImmutableId", odata.maxpagesize=50`.
 */
export function mergePrefer(...values: ReadonlyArray<string | undefined>): string {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const preference of values.flatMap((value) => (value ? splitPreferences(value) : []))) {
    const name = preferenceName(preference);
    if (seen.has(name)) continue;
    seen.add(name);
    merged.push(preference);
  }
  return merged.join(', ');
}
