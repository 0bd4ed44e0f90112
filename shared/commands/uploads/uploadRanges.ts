/** `bytes first-last/size` (the only form a chunk may have); undefined for anything else. Pure. */
export function parseContentRange(value: string): { first: number; last: number; size: number } | undefined {
  const match = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(value.trim());
  if (!match) return undefined;
  return { first: Number(match[1]), last: Number(match[2]), size: Number(match[3]) };
}

/**
 * The byte an upload session expects next, from its answer's `nextExpectedRanges`: `["2097152"]`
 * in the docs' chunk answer, `["0-"]` in the session's; the first range's start. Pure.
 * https://learn.microsoft.com/graph/outlook-large-attachments
 */
export function nextExpectedOffset(body: unknown): number | undefined {
  const ranges = (body as { nextExpectedRanges?: unknown } | undefined)?.nextExpectedRanges;
  if (!Array.isArray(ranges) || typeof ranges[0] !== 'string') return undefined;
  const match = /^(\d{1,15})(?:-\d{0,15})?$/.exec(ranges[0].trim());
  return match ? Number(match[1]) : undefined;
}

/** The attachment id in the last chunk's `Location` (`.../Attachments('id')`), when there is one. Pure. */
export function uploadIdFromLocation(location: string | undefined): string | undefined {
  const match = /\/Attachments\('([A-Za-z0-9_=-]{1,512})'\)\s*$/i.exec(location ?? '');
  return match?.[1];
}
