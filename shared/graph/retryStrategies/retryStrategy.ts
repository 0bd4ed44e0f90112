/**
 * What a retry strategy sees after one attempt. Plain data, so strategies are pure functions of it
 * (core-rest-pipeline's `RetryInformation`, trimmed to what Ferry's decisions need).
 */
export interface RetryInformation {
  readonly idempotent: boolean;
  /** Graph's answer to the attempt, when it answered; `brokenBody`: a 2xx whose body was cut or off-schema. */
  readonly response?: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly brokenBody?: boolean };
  /** The network failure of the attempt, when Graph did not answer. */
  readonly transportError?: { readonly code: string; readonly mayHaveReachedGraph: boolean };
  /** Retries already made for this logical request. */
  readonly retryCount: number;
  /** Connection faults so far (network failures and broken 2xx bodies), this attempt's included. */
  readonly faultCount: number;
  /** Clock time after the attempt, for HTTP-date Retry-After values. */
  readonly nowInMs: number;
}

/** Retry after this wait, stop here (the caller maps the failure), or leave it to the next strategy. */
export type RetryDecision = { readonly retryAfterInMs: number } | 'give-up' | 'not-mine';

export interface RetryStrategy {
  /** Used in logs. */
  readonly name: string;
  retry(information: RetryInformation): RetryDecision;
}

/** The first strategy that claims the attempt decides; when none does, the attempt's outcome stands. */
export function decideRetry(
  strategies: readonly RetryStrategy[],
  information: RetryInformation,
): { strategy?: RetryStrategy; decision: RetryDecision } {
  for (const strategy of strategies) {
    const decision = strategy.retry(information);
    if (decision !== 'not-mine') return { strategy, decision };
  }
  return { decision: 'not-mine' };
}
