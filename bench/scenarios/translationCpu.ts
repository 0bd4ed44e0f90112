import axios, { type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { systemClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { mailSyncCommand } from '../../shared/commands/mailSync';
import { createGraphClient } from '../../shared/graph/createGraphClient';
import { silentLogger } from '../../shared/observability/logger';
import { answerWireForm } from '../../shared/protocol/answerWireForm';
import type { CommandContext } from '../../shared/runtime/commandContext';
import { createKeyRing } from '../../shared/state/keyRing';
import { row, type Row } from '../report/rows';
import { benchFolderSpec, benchUser } from '../stack/benchMailboxes';
import type { BenchContext } from './benchContext';
import type { Scenario } from './scenario';

/** The three shapes of one 100-message first-round answer the issue names. */
const shapes = [
  { name: 'body-none', body: { type: 'none' as const } },
  { name: 'text-512', body: { type: 'text' as const, maxChars: 512 } },
  { name: 'html-512', body: { type: 'html' as const, maxChars: 512 } },
];
const window = 100;

type RecordedAnswers = Map<string, AxiosResponse<string>>;
const keyOf = (config: InternalAxiosRequestConfig) => `${config.method ?? 'get'} ${config.url} ${typeof config.data === 'string' ? config.data : ''}`;

/** A CommandContext around a Graph client whose axios either records what the simulator answers or replays it. */
function contextOver(graphUrl: string, token: string, adapter: (config: InternalAxiosRequestConfig) => Promise<AxiosResponse<string>>): CommandContext {
  const graph = createGraphClient({ graphUrl, getToken: async () => token, transport: axios.create({ adapter }), deadlineInMs: Number.MAX_SAFE_INTEGER });
  const ring = createKeyRing([{ id: 'bench', key: Buffer.alloc(32, 7) }]);
  return {
    requestId: 'bench',
    caller: { tid: 't', oid: 'b0000000-0000-4000-8000-00000000000b', token } as CommandContext['caller'],
    config: loadConfig({}),
    clock: systemClock,
    logger: silentLogger,
    deadlineInMs: Number.MAX_SAFE_INTEGER,
    graph,
    keyRing: async () => ring,
  };
}

/** Ferry's code from Graph's bytes to the answer's bytes: the Graph client's parse, mail/sync's handler (map, shape, seal), wire form, stringify. */
async function ferryAnswer(context: CommandContext, body: (typeof shapes)[number]['body'], folderId: string): Promise<string> {
  const answer = await mailSyncCommand.handler({ folderId, window, body }, context);
  return JSON.stringify(answerWireForm(mailSyncCommand.response, answer));
}

/** CPU time (user + system, ms) of `iterations` runs of `work`. */
async function cpuOf(iterations: number, work: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * 14. Translation CPU against the JSON floor. The Graph pages of one 100-message first-round
 * `mail/sync` answer are recorded from the simulator (once per shape: no body, text cut at 512, HTML
 * cut at 512), then replayed in process: Ferry's code runs from those bytes to the answer's (the Graph
 * client's parse, the handler's mapping, shaping and sealing, the wire form, stringify), against the
 * floor, `JSON.parse` of the same bytes plus `JSON.stringify` of the same answer. CPU time of blocks
 * alternating Ferry and floor after a warm-up; the ratio is the median over the blocks.
 */
export const translationCpu: Scenario = {
  name: 'translation-cpu',
  title: 'translation CPU of one 100-message answer against JSON.parse + JSON.stringify',
  budgetInSeconds: 30,
  async run(context: BenchContext) {
    const spec = benchFolderSpec(context.options.seed, context.options.messages);
    await context.stack.sim.replaceMailbox(spec);
    const folderId = await context.inboxId(benchUser);
    const token = await context.graphToken(benchUser);
    const http = axios.getAdapter('http');
    const blocks = context.options.quick ? 3 : 7;
    const iterations = context.options.quick ? 5 : 20;
    const rows: Row[] = [];
    for (const shape of shapes) {
      const recorded: RecordedAnswers = new Map();
      const recording = contextOver(context.stack.graphUrl, token, async (config) => {
        const answer = (await http(config)) as AxiosResponse<string>;
        recorded.set(keyOf(config), answer);
        return answer;
      });
      const answerBytes = await ferryAnswer(recording, shape.body, folderId);
      const replaying = contextOver(context.stack.graphUrl, token, async (config) => {
        const answer = recorded.get(keyOf(config));
        if (!answer) throw new Error(`translation-cpu: no recorded answer for ${config.method} ${config.url}`);
        return { ...answer, config };
      });
      const pages = [...recorded.values()].map((answer) => answer.data);
      const answerValue = JSON.parse(answerBytes) as unknown;
      const ferry = () => ferryAnswer(replaying, shape.body, folderId);
      const floor = () => {
        for (const page of pages) JSON.parse(page);
        return JSON.stringify(answerValue);
      };
      await cpuOf(iterations, ferry); // warm-up: JIT, the key ring
      await cpuOf(iterations, floor);
      const ratios: number[] = [];
      const ferryMs: number[] = [];
      const floorMs: number[] = [];
      for (let block = 0; block < blocks; block++) {
        const first = block % 2 === 0;
        const a = await cpuOf(iterations, first ? ferry : floor);
        const b = await cpuOf(iterations, first ? floor : ferry);
        const [ferryCpu, floorCpu] = first ? [a, b] : [b, a];
        ferryMs.push(ferryCpu / iterations);
        floorMs.push(floorCpu / iterations);
        ratios.push(ferryCpu / floorCpu);
      }
      rows.push(
        row(`translation-cpu.ferry/floor.${shape.name}`, ratios, 1.5),
        row(`translation-cpu.ferry-ms.${shape.name}`, ferryMs, null, 'ms CPU'),
        row(`translation-cpu.floor-ms.${shape.name}`, floorMs, null, 'ms CPU'),
        row(`translation-cpu.graph-kb.${shape.name}`, [pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0) / 1024], null, 'KB'),
        row(`translation-cpu.answer-kb.${shape.name}`, [Buffer.byteLength(answerBytes) / 1024], null, 'KB'),
      );
    }
    return { rows, breakdowns: [] };
  },
};
