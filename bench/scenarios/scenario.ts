import type { ScenarioName } from '../benchOptions';
import { fieldGroupBytes, addFieldGroups, fieldGroupNames, type FieldGroupBytes } from '../report/fieldGroups';
import { ratios, row, type Row } from '../report/rows';
import type { BenchContext, Sample, VariantName } from './benchContext';

/** Bytes by field group of both paths, printed under the table when a byte target misses. */
export interface Breakdown {
  row: string;
  ferry: { variant: VariantName; groups: FieldGroupBytes };
  direct: { variant: VariantName; groups: FieldGroupBytes };
}

export interface ScenarioResult {
  rows: Row[];
  breakdowns: Breakdown[];
}

export interface Scenario {
  name: ScenarioName;
  title: string;
  /** Over this, the scenario's time row misses (its part of the bench's 140 s at the defaults). */
  budgetInSeconds: number;
  run(context: BenchContext): Promise<ScenarioResult>;
}

export type SamplesByVariant = Partial<Record<VariantName, Sample[]>>;

const of = (samples: SamplesByVariant, variant: VariantName): Sample[] => {
  const list = samples[variant];
  if (!list) throw new TypeError(`no samples of ${variant}`);
  return list;
};

/** `<prefix>.<figure>.<a>/<b>`: per-repeat ratio of a measure, against a target or printed only. */
export function ratioRow(samples: SamplesByVariant, name: string, a: VariantName, b: VariantName, measure: (s: Sample) => number, target: number | null): Row {
  return row(name, ratios(of(samples, a).map(measure), of(samples, b).map(measure)), target);
}

/** A device-bytes ratio row; when it misses, both paths' last answers by field group. */
export function bytesRow(samples: SamplesByVariant, prefix: string, a: VariantName, b: VariantName, target: number, breakdowns: Breakdown[]): Row {
  const result = ratioRow(samples, `${prefix}.bytes.${a}/${b}`, a, b, (s) => s.deviceBytes, target);
  if (result.verdict === 'MISS') {
    const groups = (variant: VariantName) => of(samples, variant).at(-1)!.answers.map(fieldGroupBytes).reduce(addFieldGroups, zeroGroups());
    breakdowns.push({ row: result.name, ferry: { variant: a, groups: groups(a) }, direct: { variant: b, groups: groups(b) } });
  }
  return result;
}

/** Absolute figures printed beside the ratios: device KB, response body KB, wall ms per variant. */
export function absoluteRows(samples: SamplesByVariant, prefix: string): Row[] {
  return (Object.keys(samples) as VariantName[]).flatMap((variant) => [
    row(`${prefix}.device-kb.${variant}`, of(samples, variant).map((s) => s.deviceBytes / 1024), null, 'KB'),
    row(`${prefix}.body-kb.${variant}`, of(samples, variant).map((s) => s.wireBodyBytes / 1024), null, 'KB'),
    row(`${prefix}.wall-ms.${variant}`, of(samples, variant).map((s) => s.wallInMs), null, 'ms'),
  ]);
}

function zeroGroups(): FieldGroupBytes {
  return Object.fromEntries(fieldGroupNames.map((g) => [g, 0])) as FieldGroupBytes;
}
