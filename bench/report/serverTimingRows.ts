import { median, row, type Row } from './rows';

/** One answer's Server-Timing, in ms: total and graph always, auth and compress when Ferry sent them. */
export interface ServerTimingEntry {
  total: number;
  graph: number;
  auth: number;
  compress: number;
}

/** Pure: `total;dur=12.3, graph;dur=10.0, ...` to numbers (absent entries 0); undefined when the header is missing or malformed. */
export function parseServerTiming(header: string | string[] | undefined): ServerTimingEntry | undefined {
  if (typeof header !== 'string') return undefined;
  const entries: Record<string, number> = {};
  for (const part of header.split(',')) {
    const match = /^\s*([a-z]+);dur=(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) return undefined;
    entries[match[1]!] = Number(match[2]);
  }
  if (entries.total === undefined || entries.graph === undefined) return undefined;
  return { total: entries.total, graph: entries.graph, auth: entries.auth ?? 0, compress: entries.compress ?? 0 };
}

/** Ferry's own time in an answer: what is left of total once Graph, auth and compression are taken out. */
export function selfTime(entry: ServerTimingEntry): number {
  return entry.total - entry.graph - entry.auth - entry.compress;
}

/**
 * Printed rows of the Server-Timing p50s of Ferry's answers (every answer of every repeat): total,
 * graph, auth, compress and self time, in ms. Each repeat's value is the median of its answers.
 */
export function serverTimingRows(prefix: string, perRepeat: ReadonlyArray<readonly ServerTimingEntry[]>): Row[] {
  const repeats = perRepeat.filter((entries) => entries.length > 0);
  const figure = (name: string, pick: (entry: ServerTimingEntry) => number) => row(`${prefix}.server-timing.${name}-ms.ferry-br`, repeats.map((entries) => median(entries.map(pick))), null, 'ms, p50');
  return [
    figure('total', (e) => e.total),
    figure('graph', (e) => e.graph),
    figure('auth', (e) => e.auth),
    figure('compress', (e) => e.compress),
    figure('self', selfTime),
  ];
}

/** The floor of a wall ratio against a direct path: Ferry does what direct does plus one in-region round trip. */
export function wallFloorRow(name: string, directWallsInMs: readonly number[], regionRttInMs: number): Row {
  return row(name, directWallsInMs.map((direct) => (direct + regionRttInMs) / direct), null, 'floor');
}
