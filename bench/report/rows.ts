/** A verdict on a target. These words appear nowhere else in the bench's output. */
export type Verdict = 'PASS' | 'MISS' | `SKIP (needs ${string})`;

/** One figure of a run: the median over repeats, its spread, and its target when it has one. */
export interface Row {
  name: string;
  /** Median over `runs`; null when nothing could be measured. */
  value: number | null;
  min: number | null;
  max: number | null;
  runs: number;
  /** `value <= target` passes; null: printed without a target. */
  target: number | null;
  verdict?: Verdict;
  /** Unit of a printed absolute value (ratios have none). */
  unit?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A figure from per-repeat values; with a target it gets PASS or MISS on the median. */
export function row(name: string, values: readonly number[], target: number | null = null, unit?: string): Row {
  if (values.length === 0) return { name, value: null, min: null, max: null, runs: 0, target, ...(target === null ? {} : { verdict: 'MISS' as const }), ...(unit ? { unit } : {}) };
  const value = median(values);
  const base: Row = { name, value, min: Math.min(...values), max: Math.max(...values), runs: values.length, target, ...(unit ? { unit } : {}) };
  return target === null ? base : { ...base, verdict: value <= target ? 'PASS' : 'MISS' };
}

/** Per-repeat ratios of two paired series (repeat i against repeat i). */
export function ratios(numerators: readonly number[], denominators: readonly number[]): number[] {
  return numerators.map((n, i) => n / denominators[i]!).filter((r) => Number.isFinite(r));
}

/** A target that cannot be measured yet because the command it needs is not registered. */
export function skippedRow(name: string, target: number, needs: string): Row {
  return { name, value: null, min: null, max: null, runs: 0, target, verdict: `SKIP (needs ${needs})` };
}
