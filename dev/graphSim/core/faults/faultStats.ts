import { itemFaultKinds, requestFaultKinds, type FaultKind, type ItemFaultKind } from './faultProfile';

/** What became of one attempt of a request: `ok` (no fault) or the fault it got. */
export type AttemptOutcome = 'ok' | FaultKind;

/** The attempts Ferry made under one `client-request-id` (its retries of one logical request). */
export interface RequestAttempts {
  method: string;
  /** Whether Graph may repeat it harmlessly (see isIdempotentGraphCall), for checking Ferry's retries. */
  idempotent: boolean;
  outcomes: AttemptOutcome[];
}

/** The numbers `GET /_sim/stats` reports under `faults`. */
export interface FaultStatsSnapshot {
  /** HTTP requests made with Ferry's tokens. */
  requests: number;
  /** Of them, those that got a fault (any kind, the delta 410 included). */
  faulted: number;
  byKind: Record<FaultKind, number>;
  /** `$batch` items sent by Ferry, and the status faults they got. */
  items: number;
  faultedItems: number;
  itemsByKind: Record<ItemFaultKind, number>;
  /** Attempts by `client-request-id` (requests without one are counted under `(none)`). */
  attempts: Record<string, RequestAttempts>;
}

/** A test running thousands of requests must not grow memory without end. */
const maxTrackedRequestIds = 50_000;

export class FaultStats {
  private data = FaultStats.empty();

  private static empty(): FaultStatsSnapshot {
    return {
      requests: 0,
      faulted: 0,
      byKind: Object.fromEntries([...requestFaultKinds, 'syncStateNotFound'].map((kind) => [kind, 0])) as Record<FaultKind, number>,
      items: 0,
      faultedItems: 0,
      itemsByKind: Object.fromEntries(itemFaultKinds.map((kind) => [kind, 0])) as Record<ItemFaultKind, number>,
      attempts: {},
    };
  }

  /** One attempt of a Ferry request, with what it got. */
  attempt(clientRequestId: string | undefined, meta: { method: string; idempotent: boolean }, outcome: AttemptOutcome): void {
    const d = this.data;
    d.requests++;
    if (outcome !== 'ok') {
      d.faulted++;
      d.byKind[outcome]++;
    }
    const key = clientRequestId ?? '(none)';
    let entry = d.attempts[key];
    if (!entry) {
      if (Object.keys(d.attempts).length >= maxTrackedRequestIds) return;
      entry = d.attempts[key] = { method: meta.method, idempotent: meta.idempotent, outcomes: [] };
    }
    entry.outcomes.push(outcome);
  }

  item(fault: ItemFaultKind | undefined): void {
    this.data.items++;
    if (fault) {
      this.data.faultedItems++;
      this.data.itemsByKind[fault]++;
    }
  }

  snapshot(): FaultStatsSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = FaultStats.empty();
  }
}
