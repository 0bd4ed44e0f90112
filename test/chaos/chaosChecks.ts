import type { AttemptOutcome, RequestAttempts } from '../../dev/graphSim/core/faults/faultStats';
import { requestFaultKinds, type FaultKind } from '../../dev/graphSim/core/faults/faultProfile';
import { deviceRuleFor } from '../../shared/protocol/deviceRules';
import type { AnswerRecord } from '../device/referenceDevice';
import type { FaultStatsSnapshot } from '../../dev/graphSim/core/faults/faultStats';

/** Every answer must come back within this (real ms), faults and retries included. */
export const maxAnswerTimeInMs = 4000;

/**
 * What is wrong with the answers a device got, as messages (empty: nothing). The assertions:
 * no 500, Retry-After (whole seconds >= 1, the same in `retryAfter`) on every 429/503, only codes
 * from the device rule table, problem+json for every error, every answer within 4 s.
 */
export function answerProblems(answers: readonly AnswerRecord[]): string[] {
  const problems: string[] = [];
  for (const [index, a] of answers.entries()) {
    const at = `answer ${index} (${a.command} ${a.status} ${a.code ?? ''})`;
    if (a.status === 500) problems.push(`${at}: 500`);
    if (a.status === 'none') problems.push(`${at}: no answer from Ferry`);
    if (a.status !== 'none' && !deviceRuleFor(a.status, a.code)) problems.push(`${at}: not in the device rule table`);
    if (a.status === 429 || a.status === 503) {
      if (!/^[1-9]\d*$/.test(a.retryAfterHeader ?? '')) problems.push(`${at}: Retry-After "${a.retryAfterHeader}" is not whole seconds >= 1`);
      else if (a.retryAfterField !== Number(a.retryAfterHeader)) problems.push(`${at}: retryAfter ${String(a.retryAfterField)} differs from the header`);
    }
    if (typeof a.status === 'number' && a.status >= 400 && !a.contentType?.startsWith('application/problem+json')) problems.push(`${at}: not problem+json`);
    if (a.durationInMs > maxAnswerTimeInMs) problems.push(`${at}: took ${a.durationInMs} ms`);
  }
  return problems;
}

/** A connection fault: Graph's answer was lost or broken, so Graph may have acted. */
const connectionFaults = new Set<AttemptOutcome>(['resetBeforeApply', 'resetAfterApply', 'cutBody', 'dropMidBody', 'hang']);
/** Answers after which a request Graph may act on only once must not be sent again. */
const mayHaveActed = new Set<AttemptOutcome>([...connectionFaults, 'status503', 'status504']);

/**
 * Ferry's retries, judged per client-request-id: an idempotent request is repeated at most once after
 * a connection fault or broken body (429/503/504 retries aside); a request that is not idempotent is
 * never repeated after an answer that leaves its outcome unknown.
 */
export function attemptProblems(attempts: Readonly<Record<string, RequestAttempts>>): string[] {
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(attempts)) {
    const before = entry.outcomes.slice(0, -1);
    if (entry.idempotent) {
      const repeats = before.filter((outcome) => connectionFaults.has(outcome)).length;
      if (repeats > 1) problems.push(`${entry.method} ${id}: repeated ${repeats} times after connection faults (${entry.outcomes.join(',')})`);
    } else if (before.some((outcome) => mayHaveActed.has(outcome))) {
      problems.push(`${entry.method} ${id}: not idempotent, sent again after ${entry.outcomes.join(',')}`);
    }
  }
  return problems;
}

/** The share of Ferry's requests that got a fault must reach `minShare`, and every kind must be seen. */
export function coverageProblems(stats: FaultStatsSnapshot, minShare = 0.2): string[] {
  const problems: string[] = [];
  const share = stats.requests === 0 ? 0 : stats.faulted / stats.requests;
  if (share < minShare) problems.push(`${stats.faulted} of ${stats.requests} requests faulted (${(share * 100).toFixed(1)}% < ${minShare * 100}%)`);
  const kinds: FaultKind[] = [...requestFaultKinds, 'syncStateNotFound'];
  for (const kind of kinds) if (stats.byKind[kind] === 0) problems.push(`no ${kind} fault was seen`);
  return problems;
}
