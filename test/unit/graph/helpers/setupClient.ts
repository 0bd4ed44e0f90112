import { createGraphClient } from '../../../../shared/graph/createGraphClient';
import type { GraphClientOptions } from '../../../../shared/graph/graphClientOptions';
import type { GraphRequest } from '../../../../shared/graph/graphRequest';
import { captureLogs } from './captureLogs';
import { createFakeClock } from './fakeClock';
import { createFakeGraph, graphUrl } from './fakeGraph';

/** A JWT-shaped token, so a leak into logs is easy to spot. */
export const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

export function setupClient(overrides: Partial<GraphClientOptions> = {}) {
  const clock = createFakeClock();
  const graph = createFakeGraph(clock);
  const logs = captureLogs();
  const client = createGraphClient({
    graphUrl,
    getToken: async () => token,
    transport: graph.transport,
    clock,
    logger: logs.logger,
    random: () => 0.5,
    ...overrides,
  });
  return { clock, graph, logs, client };
}

export const getFolder: GraphRequest = { operation: 'mailFolders.get', method: 'GET', path: '/me/mailFolders/inbox', idempotent: true };

export const sendMail: GraphRequest = {
  operation: 'messages.send',
  method: 'POST',
  path: '/me/sendMail',
  body: { message: { subject: 'Quarterly numbers' } },
  idempotent: false,
};

/** Runs `promise` and returns what it rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
