import { parseArgs } from 'node:util';

/** The scenarios, by name; `--only` takes names or numbers. */
export const scenarioNames = ['initial', 'lean', 'first-screen', 'incremental', 'demo-inbox', 'bulk-flag', 'loopback', 'lost-answer', 'folders', 'search', 'download', 'hostile-bodies', 'calendar', 'upload', 'cold-start', 'translation-cpu', 'relay-memory', 'load', 'cost', 'launch'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface BenchOptions {
  /** Device link round-trip time (device -> Ferry and device -> Graph alike). */
  rttInMs: number;
  /** Device link rate, Mbit/s. */
  rateInMbitPerSecond: number;
  /** Ferry -> Graph round-trip time (in-region, no rate limit). */
  regionRttInMs: number;
  /** The simulator's service time per Graph operation, on both paths. */
  graphLatencyInMs: number;
  /** Messages in the bench folder. */
  messages: number;
  repeats: number;
  seed: number;
  only: ScenarioName[];
  quick: boolean;
  /** Exit 1 when a target is missed. */
  strict: boolean;
  /** Where results.json goes. */
  out: string;
  /** Where the stack's processes log. */
  logDir: string;
}

export const benchUsage =
  'usage: npm run bench -- [--rtt ms] [--rate Mbit/s] [--region-rtt ms] [--graph-latency ms] [--messages n] [--repeats n] [--seed n] [--only initial,lean,...,cold-start|1,2,...] [--quick] [--strict] [--out file] [--logs dir]';

/** Pure: command-line flags to options. `--quick` is one repeat, 100 messages, 10 ms RTT unless those flags are given too. */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      rtt: { type: 'string' },
      rate: { type: 'string' },
      'region-rtt': { type: 'string' },
      'graph-latency': { type: 'string' },
      messages: { type: 'string' },
      repeats: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results.json' },
      logs: { type: 'string', default: 'bench/logs' },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick === true;
  const number = (name: string, raw: string | undefined, fallback: number, min: number, max: number, integer = false): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new RangeError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return value;
  };
  return {
    rttInMs: number('rtt', values.rtt, quick ? 10 : 100, 0, 5000),
    rateInMbitPerSecond: number('rate', values.rate, 5, 0.1, 10_000),
    regionRttInMs: number('region-rtt', values['region-rtt'], 5, 0, 1000),
    graphLatencyInMs: number('graph-latency', values['graph-latency'], 0, 0, 5000),
    messages: number('messages', values.messages, quick ? 100 : 500, 20, 5000, true),
    repeats: number('repeats', values.repeats, quick ? 1 : 5, 1, 50, true),
    seed: number('seed', values.seed, 1, 0, 2 ** 32 - 1, true),
    only: parseOnly(values.only),
    quick,
    strict: values.strict === true,
    out: values.out!,
    logDir: values.logs!,
  };
}

function parseOnly(raw: string | undefined): ScenarioName[] {
  if (raw === undefined || raw.trim() === '') return [...scenarioNames];
  return raw.split(',').map((part) => {
    const name = part.trim();
    const byNumber = /^\d+$/.test(name) ? scenarioNames[Number(name) - 1] : undefined;
    const found = byNumber ?? scenarioNames.find((s) => s === name);
    if (!found) throw new RangeError(`--only: unknown scenario '${name}' (known: ${scenarioNames.join(', ')}, or 1 to ${scenarioNames.length})`);
    return found;
  });
}
