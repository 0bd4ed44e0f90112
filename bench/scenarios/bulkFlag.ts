import { skippedRow } from '../report/rows';
import { benchUser } from '../stack/benchMailboxes';
import type { Scenario } from './scenario';

/**
 * 6. Flag 100 messages: one `mail/update` against the best direct client's 5 `$batch` of 20 (device
 * requests <= 0.2). Until Ferry registers a bulk update command this prints SKIP; the performance
 * work that adds the command adds its runs here.
 */
export const bulkFlag: Scenario = {
  name: 'bulk-flag',
  title: 'bulk flag of 100 messages',
  budgetInSeconds: 3,
  async run(context) {
    const answer = await context.setup.ferry.request({ method: 'POST', path: '/api/v1/mail/update', headers: { authorization: `Bearer ${await context.ferryToken(benchUser)}` }, body: {} });
    const registered = !(answer.status === 404 && (answer.json as { code?: string } | undefined)?.code === 'unknown_command');
    return { rows: [skippedRow('bulk-flag.requests.ferry/direct', 0.2, registered ? 'a bench scenario for mail/update' : 'mail/update')], breakdowns: [] };
  },
};
