/**
 * Where a waiting Graph request queues for the in-flight gate (lower goes first): what an app's first
 * screen waits for before bookkeeping. A launch `batch` runs its parts on one gate of
 * FERRY_GRAPH_MAX_CONCURRENCY places; when they queue, the inbox page goes first, then today's
 * calendar, then the folder tree, then everything else (well-known-folder `$batch`, fill-ins, the
 * child-folder walk, series masters, look-ups).
 */
const ranks: Readonly<Record<string, number>> = {
  'messages.delta': 0,
  'calendarView.delta': 1,
  'mailFolders.delta': 2,
};

const bookkeeping = 3;

export function firstScreenRank(operation: string): number {
  return ranks[operation] ?? bookkeeping;
}
