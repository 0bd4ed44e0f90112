import type { CorpusSummary } from '../corpus/summarizeCorpus';
import type { Breakdown } from '../scenarios/scenario';
import { fieldGroupNames } from './fieldGroups';
import type { Row } from './rows';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Pure: the corpus line printed before anything is measured. */
export function renderCorpus(label: string, summary: CorpusSummary): string {
  const t = summary.textLength;
  return (
    `corpus, ${label}: ${summary.count} messages; text length (UTF-16 units) p10 ${t.p10}, p50 ${t.p50}, p90 ${t.p90}, p99 ${t.p99}, mean ${t.mean}; ` +
    `HTML ${percent(summary.htmlShare)} of bodies (length p50 ${summary.htmlLength.p50}, p90 ${summary.htmlLength.p90}, mean ${summary.htmlLength.mean}); ` +
    `one body gzipped alone keeps ${percent(summary.medianGzipRatio)} (median), all bodies gzipped together ${percent(summary.togetherGzipRatio)}; ${percent(summary.quotingShare)} quote earlier mail`
  );
}

function format(value: number | null, unit?: string): string {
  if (value === null) return '-';
  if (unit === 'ms') return value.toFixed(0);
  if (unit === 'KB') return value.toFixed(1);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 10 ? value.toFixed(3) : value.toFixed(1);
}

function range(r: Row): string {
  return r.min === null || r.max === null ? '-' : `${format(r.min, r.unit)}–${format(r.max, r.unit)}`;
}

/** Pure: one line per target, with its verdict. */
export function renderTargets(rows: readonly Row[]): string {
  const width = Math.max(6, ...rows.map((r) => r.name.length));
  const header = `${'figure'.padEnd(width)}  ${'median'.padStart(8)}  ${'min–max'.padStart(15)}  ${'target'.padStart(8)}  verdict`;
  const lines = rows.map((r) => `${r.name.padEnd(width)}  ${format(r.value, r.unit).padStart(8)}  ${range(r).padStart(15)}  ${`<= ${r.target ?? '-'}`.padStart(8)}  ${r.verdict ?? ''}`);
  return [header, ...lines].join('\n');
}

/** Pure: figures printed without a target (absolute sizes, times, counts). */
export function renderPrinted(rows: readonly Row[]): string {
  const width = Math.max(6, ...rows.map((r) => r.name.length));
  const header = `${'figure'.padEnd(width)}  ${'median'.padStart(10)}  ${'min–max'.padStart(19)}  unit`;
  const lines = rows.map((r) => `${r.name.padEnd(width)}  ${format(r.value, r.unit).padStart(10)}  ${range(r).padStart(19)}  ${r.unit ?? 'ratio'}`);
  return [header, ...lines].join('\n');
}

/** Pure: both paths' answer bytes by field group, for each byte target that was not met. */
export function renderBreakdowns(breakdowns: readonly Breakdown[]): string {
  return breakdowns
    .map((b) => {
      const lines = fieldGroupNames.map((g) => `  ${g.padEnd(8)} ${String(b.ferry.groups[g]).padStart(10)} ${String(b.direct.groups[g]).padStart(12)}`);
      return [`${b.row}: decoded answer bytes by field group (last repeat)`, `  ${'group'.padEnd(8)} ${b.ferry.variant.padStart(10)} ${b.direct.variant.padStart(12)}`, ...lines].join('\n');
    })
    .join('\n\n');
}
