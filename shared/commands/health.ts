import { randomUUID } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';
import { ferryVersion } from '../version';

/** Liveness only: no Graph or Key Vault call, so a probe never costs a mailbox a request. */
export function healthAnswer(): HttpResponseInit {
  return { status: 200, jsonBody: { status: 'ok', version: ferryVersion }, headers: { 'cache-control': 'no-store', 'x-request-id': randomUUID() } };
}
