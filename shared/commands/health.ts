import { randomUUID } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';
import { ferryVersion } from '../version';
import { createServerTiming, serverTimingHeader } from '../observability/serverTiming';

/** Liveness only: no Graph or Key Vault call, so a probe never costs a mailbox a request (Server-Timing says `graph;dur=0`). */
export function healthAnswer(timingNow?: () => number): HttpResponseInit {
  const timing = createServerTiming(timingNow);
  const headers = { 'cache-control': 'no-store', 'x-request-id': randomUUID() };
  return { status: 200, jsonBody: { status: 'ok', version: ferryVersion }, headers: { ...headers, [serverTimingHeader]: timing.header() } };
}
