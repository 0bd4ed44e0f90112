import { findUser } from '../../dev/directory';
import { createGraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { composeBody } from '../../dev/graphSim/core/corpus/composeBody';
import { colleagues, topics } from '../../dev/graphSim/core/corpus/demoVocabulary';
import { createRandom } from '../../dev/graphSim/core/random';
import { benchMailboxSpecs } from './benchMailboxes';
import { busyCalendarEvents } from './busyCalendar';
import type { SimReplyMessage, SimRequestMessage } from './simControl';

/**
 * `node dist/bench/stack/benchSimulator.js`: the Graph simulator as the bench runs it, with the bench
 * folder (`FERRY_BENCH_SEED`, `FERRY_BENCH_MESSAGES`) and alice's demo mailbox as `npm start` seeds it,
 * `FERRY_BENCH_GRAPH_LATENCY_MS` of service time per operation. Prints its URL, then takes the bench's
 * commands over IPC (counts, fresh mailboxes, flags, arrivals); exits when the bench goes away.
 */
async function main(): Promise<void> {
  const seed = Number(process.env.FERRY_BENCH_SEED ?? 1);
  const messages = Number(process.env.FERRY_BENCH_MESSAGES ?? 500);
  const simulator = await createGraphSimulator({
    port: 0,
    idpUrl: process.env.FERRY_IDP_URL,
    seed,
    latencyInMs: Number(process.env.FERRY_BENCH_GRAPH_LATENCY_MS ?? 0),
    mailboxes: benchMailboxSpecs(seed, messages),
  });
  const state = simulator.state;
  process.on('message', (message: SimRequestMessage) => {
    const reply = (body: { ok: true; result: unknown } | { ok: false; error: string }) => process.send?.({ id: message.id, ...body } satisfies SimReplyMessage);
    try {
      const { command } = message;
      switch (command.op) {
        case 'stats':
          return reply({ ok: true, result: state.stats });
        case 'replaceMailbox':
          state.replaceMailbox(command.spec);
          return reply({ ok: true, result: null });
        case 'setFlags':
          state.setFlags(command.flags);
          return reply({ ok: true, result: null });
        case 'arrive': {
          const random = createRandom(command.seed);
          const ids = Array.from({ length: command.count }, () => {
            const from = { emailAddress: { ...random.pick(colleagues) } };
            const subject = random.pick(topics);
            const to = [{ emailAddress: { name: findUser(command.user)?.displayName ?? command.user, address: command.user } }];
            const { text } = composeBody(random, { kind: 'received', from, to, subject, internal: true });
            return state.simulateArrival(command.user, { subject, from: from.emailAddress, bodyText: text });
          });
          return reply({ ok: true, result: ids });
        }
        case 'uploadUrl':
          return reply({ ok: true, result: simulator.uploadUrl });
        case 'busyCalendar': {
          const events = busyCalendarEvents(command.seed, Date.now(), command.fromDay, command.toDay);
          for (const event of events) state.simulateEventCreate(command.user, event);
          return reply({ ok: true, result: events.length });
        }
        case 'arriveFile': {
          const messageId = state.simulateArrival(command.user, { subject: 'Site survey', attachments: [{ name: 'survey.bin', byteLength: command.byteLength }] });
          const attachmentId = String(state.mailbox(command.user)!.attachments(messageId)[0]!.id);
          return reply({ ok: true, result: { messageId, attachmentId } });
        }
      }
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  process.on('disconnect', () => void simulator.close().finally(() => process.exit(0)));
  const stop = () => void simulator.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${simulator.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
