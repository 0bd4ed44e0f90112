import { gzipSync } from 'node:zlib';
import { htmlToText } from '../../dev/graphSim/core/bodyConversion';

/** What the bench prints first and stores: the mail behind every byte ratio. */
export interface CorpusSummary {
  count: number;
  /** Text form (what Graph serves for `outlook.body-content-type="text"`), in UTF-16 units. */
  textLength: { p10: number; p50: number; p90: number; p99: number; mean: number };
  /** Share of bodies stored as HTML, and the length of that HTML (UTF-16 units). */
  htmlShare: number;
  htmlLength: { p50: number; p90: number; mean: number };
  /** Median over bodies of gzip(text form, alone) / text form, in UTF-8 bytes. */
  medianGzipRatio: number;
  /**
   * gzip of every text form together / their bytes: how much one body repeats another. Real prose of
   * this size keeps about 40% (the corpus's own sources do); a lower share makes compressed baselines
   * smaller than real mail would (docs/performance.md).
   */
  togetherGzipRatio: number;
  /** Share of bodies that quote earlier mail. */
  quotingShare: number;
}

export interface CorpusBody {
  contentType: string;
  content: string;
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const quoteMarker = /\r\n(?:From: .*\r\nSent: |On .* wrote:\r\n>)/;

/** Pure: summarizes message bodies as the simulator stores them (Graph's `body`). */
export function summarizeCorpus(bodies: readonly CorpusBody[]): CorpusSummary {
  const texts = bodies.map((b) => (b.contentType === 'html' ? htmlToText(b.content) : b.content));
  const lengths = texts.map((t) => t.length).sort((a, b) => a - b);
  const html = bodies.filter((b) => b.contentType === 'html').map((b) => b.content.length).sort((a, b) => a - b);
  const ratios = texts
    .map((t) => Buffer.from(t))
    .filter((bytes) => bytes.length > 0)
    .map((bytes) => gzipSync(bytes).length / bytes.length)
    .sort((a, b) => a - b);
  const together = Buffer.from(texts.join('\n'));
  const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);
  return {
    count: bodies.length,
    textLength: { p10: percentile(lengths, 10), p50: percentile(lengths, 50), p90: percentile(lengths, 90), p99: percentile(lengths, 99), mean: Math.round(mean(lengths)) },
    htmlShare: bodies.length === 0 ? 0 : html.length / bodies.length,
    htmlLength: { p50: percentile(html, 50), p90: percentile(html, 90), mean: Math.round(mean(html)) },
    medianGzipRatio: percentile(ratios, 50),
    togetherGzipRatio: together.length === 0 ? 0 : gzipSync(together).length / together.length,
    quotingShare: texts.length === 0 ? 0 : texts.filter((t) => quoteMarker.test(t)).length / texts.length,
  };
}
