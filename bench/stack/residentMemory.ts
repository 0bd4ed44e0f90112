import { readFileSync } from 'node:fs';

/** A process's resident memory in MiB from /proc (Linux), or undefined where there is none. */
export function residentMiB(pid: number | undefined): number | undefined {
  return statusMiB(pid, 'VmRSS');
}

/** A process's peak resident memory over its life (VmHWM) in MiB, or undefined without /proc. */
export function peakResidentMiB(pid: number | undefined): number | undefined {
  return statusMiB(pid, 'VmHWM');
}

function statusMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's RSS every `everyMs` while `run` goes on; answers its result and the growth
 * (peak - RSS before) in MiB, undefined without /proc.
 */
export async function withRssGrowth<T>(pid: number | undefined, run: () => Promise<T>, everyMs = 20): Promise<{ result: T; growthMiB: number | undefined }> {
  const before = residentMiB(pid);
  let peak = before ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(pid) ?? 0)), everyMs);
  try {
    const result = await run();
    peak = Math.max(peak, residentMiB(pid) ?? 0);
    return { result, growthMiB: before === undefined ? undefined : peak - before };
  } finally {
    clearInterval(sampler);
  }
}
