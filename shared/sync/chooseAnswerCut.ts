/** Where one answer's items end, given the bytes each pulled page adds (see chooseAnswerCut). */
export type AnswerCut =
  /** Every page fits. */
  | { kind: 'all' }
  /** The first `pages` pages fit; the rest are asked for again by the next call. */
  | { kind: 'pages'; pages: number }
  /** Not even the first page fits: ask for it again with at most `entries` entries (at least 1). */
  | { kind: 'shrink'; entries: number };

/**
 * Chooses how much of the pulled pages one answer carries so its JSON stays within `budgetInBytes`.
 * Pages are kept whole, because the next call can only go on from a link, and a link points at the
 * start of a page. `pageBytes[k]`: bytes page k adds to the answer; `firstPageEntryBytes`: bytes of
 * each entry of the first page, in order, to size a smaller first page.
 */
export function chooseAnswerCut(pageBytes: readonly number[], firstPageEntryBytes: readonly number[], budgetInBytes: number): AnswerCut {
  let total = 0;
  for (let page = 0; page < pageBytes.length; page++) {
    total += pageBytes[page]!;
    if (total > budgetInBytes) return page > 0 ? { kind: 'pages', pages: page } : { kind: 'shrink', entries: entriesThatFit(firstPageEntryBytes, budgetInBytes) };
  }
  return { kind: 'all' };
}

function entriesThatFit(entryBytes: readonly number[], budgetInBytes: number): number {
  let total = 0;
  let count = 0;
  for (const bytes of entryBytes) {
    if (total + bytes > budgetInBytes) break;
    total += bytes;
    count++;
  }
  return Math.max(1, count);
}

/** Bytes a value adds to an answer's JSON array: its UTF-8 JSON and a separating comma. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8') + 1;
}
