import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { BenchOptions } from '../benchOptions';
import type { CorpusSummary } from '../corpus/summarizeCorpus';
import type { Row } from './rows';

/** bench/results.json: what ran, where, on what mail, and every figure. */
export interface BenchResults {
  node: string;
  cpu: string;
  cores: number;
  commit: { sha: string | null; dirty: boolean | null };
  date: string;
  parameters: Omit<BenchOptions, 'out' | 'logDir'>;
  corpus: { benchFolder: CorpusSummary; demoInbox: CorpusSummary };
  targets: { name: string; value: number | null; target: number; verdict: string; runs: number; min: number | null; max: number | null }[];
  printed: { name: string; value: number | null; unit: string | null; runs: number; min: number | null; max: number | null }[];
  secondsTotal: number;
}

export function gitCommit(): BenchResults['commit'] {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { sha, dirty };
  } catch {
    return { sha: null, dirty: null };
  }
}

export function buildResults(options: BenchOptions, corpus: BenchResults['corpus'], rows: readonly Row[], secondsTotal: number): BenchResults {
  const { out: _out, logDir: _logDir, ...parameters } = options;
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    commit: gitCommit(),
    date: new Date().toISOString(),
    parameters,
    corpus,
    targets: rows
      .filter((r) => r.target !== null)
      .map((r) => ({ name: r.name, value: r.value, target: r.target!, verdict: r.verdict ?? 'MISS', runs: r.runs, min: r.min, max: r.max })),
    printed: rows.filter((r) => r.target === null).map((r) => ({ name: r.name, value: r.value, unit: r.unit ?? null, runs: r.runs, min: r.min, max: r.max })),
    secondsTotal,
  };
}
