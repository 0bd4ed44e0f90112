import { readFileSync } from 'node:fs';
import { ferryFolderSync } from '../clients/ferryFolderSync';
import type { LinkAnswer, LinkClient, LinkRequest } from '../clients/linkClient';
import { row, type Row } from '../report/rows';
import { parseServerTiming } from '../report/serverTimingRows';
import { peakResidentMiB } from '../stack/residentMemory';
import type { BenchContext } from './benchContext';
import type { Scenario } from './scenario';

/** bench/pricing.json (from the repository root, where the bench runs, as its children's dist/ paths): dated prices and the device profile, never fetched. */
interface Pricing {
  asOf: string;
  onDemand: { usdPerGbSecond: number; usdPerMillionExecutions: number; freeGbSecondsPerMonth: number; freeExecutionsPerMonth: number; minimumBilledMs: number; billingStepMs: number };
  instanceMemoryMB: number;
  profile: { syncsPerDeviceDay: number; actionsPerDeviceDay: number; launchesPerDeviceDay: number; daysPerMonth: number; graphServiceMsPerCall: number; outlookRequestsPer10Minutes: number };
}

/** One execution: the host's time for it (Server-Timing total) and the Graph calls it made. */
interface Execution {
  totalMs: number;
  graphCalls: number;
}

const costUser = 'bench16@contoso.test';

/**
 * 19. Running cost (issue 20), printed, no target. One device-day of the profile in bench/pricing.json
 * (30 syncs, 5 actions, 2 launches) is played against the host on loopback: a sync is `folders/sync`
 * and `mail/sync` of the Inbox from kept state after a new message; an action is `mail/update` of
 * one message's flag; a launch is a first screen from nothing (`folders/sync`, the first `mail/sync`
 * answer of 100). Each execution's billed wall time is its Server-Timing total plus, per Graph call
 * it made, the profile's Graph service time (the simulator answers in no time); host CPU from
 * /proc/<pid>/stat over the run; peak RSS (VmHWM). On-demand bills instance memory x time executing
 * plus executions; whether the 1,000 ms minimum applies per execution or per instance period is
 * UNVERIFIED, so both are printed.
 */
export const runningCost: Scenario = {
  name: 'cost',
  title: 'running cost of 1,000 devices a month (printed)',
  budgetInSeconds: 20,
  async run(context) {
    const pricing = JSON.parse(readFileSync('bench/pricing.json', 'utf8')) as Pricing;
    const { profile, onDemand } = pricing;
    const deviceDays = context.options.quick ? 1 : 2;
    await context.stack.sim.replaceMailbox({ user: costUser, messageCount: 200, folderCount: 2, layout: 'inbox', seed: context.options.seed });
    const token = await context.ferryToken(costUser);
    const inboxId = await context.inboxId(costUser);
    const client = context.setup.ferry;
    const executions: Execution[] = [];
    const call = (request: LinkRequest) => execute(context, client, token, request, executions);
    const pid = context.stack.hostPid;
    const cpuBefore = cpuMs(pid);
    let seed = 1;
    for (let day = 0; day < deviceDays; day++) {
      let folderState: string | undefined;
      let mailState: string | undefined;
      for (let launch = 0; launch < profile.launchesPerDeviceDay; launch++) {
        await call({ method: 'POST', path: '/api/v1/folders/sync', body: {} });
        const first = await call({ method: 'POST', path: '/api/v1/mail/sync', body: { folderId: inboxId, window: 100, body: { type: 'text', maxChars: 512 } } });
        mailState = (first.json as { state: string }).state;
      }
      folderState = (await ferryFolderSync(client, token)).state;
      // Finish the round the launch began, untimed: the syncs continue from a complete copy.
      mailState = await finishRound(client, token, inboxId, mailState!);
      for (let sync = 0; sync < profile.syncsPerDeviceDay; sync++) {
        await context.stack.sim.arrive(costUser, 1, seed++);
        folderState = (await call({ method: 'POST', path: '/api/v1/folders/sync', body: { state: folderState } }).then((a) => a.json as { state: string })).state;
        for (let more = true; more; ) {
          const answer = (await call({ method: 'POST', path: '/api/v1/mail/sync', body: { folderId: inboxId, window: 100, body: { type: 'text', maxChars: 512 }, state: mailState } })).json as { state: string; more: boolean; upserts: Array<{ id: string }> };
          mailState = answer.state;
          more = answer.more;
        }
      }
      const ids = (await listIds(context, costUser)).slice(0, profile.actionsPerDeviceDay);
      for (const [i, id] of ids.entries()) await call({ method: 'POST', path: '/api/v1/mail/update', body: { ids: [id], set: { flag: (day + i) % 2 === 0 ? 'flagged' : 'none' } } });
    }
    const cpuPerDeviceDayMs = cpuBefore === undefined ? undefined : (cpuMs(pid)! - cpuBefore) / deviceDays;
    const perDay = (sum: (e: Execution) => number) => executions.reduce((total, e) => total + sum(e), 0) / deviceDays;
    const wallMs = (e: Execution) => e.totalMs + e.graphCalls * profile.graphServiceMsPerCall;
    const step = (ms: number) => Math.ceil(ms / onDemand.billingStepMs) * onDemand.billingStepMs;
    const gb = pricing.instanceMemoryMB / 1024;
    const executionsPerDay = executions.length / deviceDays;
    const monthly = (billedMsPerDeviceDay: number) => {
      const deviceMonths = 1000 * profile.daysPerMonth;
      const gbSeconds = (billedMsPerDeviceDay / 1000) * gb * deviceMonths;
      const count = executionsPerDay * deviceMonths;
      return Math.max(0, gbSeconds - onDemand.freeGbSecondsPerMonth) * onDemand.usdPerGbSecond + (Math.max(0, count - onDemand.freeExecutionsPerMonth) / 1e6) * onDemand.usdPerMillionExecutions;
    };
    const graphCallsPerDay = perDay((e) => e.graphCalls);
    const peak = peakResidentMiB(pid);
    context.progress(`bench: cost: prices of ${pricing.asOf} (bench/pricing.json, UNVERIFIED third-party copy); ${executionsPerDay} executions per device-day; Graph service time ${profile.graphServiceMsPerCall} ms a call (profile)`);
    const rows: Row[] = [
      row('cost.executions-per-device-day', [executionsPerDay], null, 'executions'),
      row('cost.wall-ms-per-execution', executions.length ? [perDay(wallMs) / executionsPerDay] : [], null, 'ms, mean'),
      row('cost.host-cpu-ms-per-device-day', cpuPerDeviceDayMs === undefined ? [] : [cpuPerDeviceDayMs], null, 'ms'),
      row('cost.host-cpu/wall', cpuPerDeviceDayMs === undefined ? [] : [cpuPerDeviceDayMs / perDay(wallMs)], null, 'ratio'),
      row('cost.host-peak-rss-mb', peak === undefined ? [] : [peak], null, 'MB (VmHWM; 512 MB?)'),
      row('cost.usd-per-1000-devices-month.minimum-per-execution', [monthly(perDay((e) => Math.max(onDemand.minimumBilledMs, step(wallMs(e)))))], null, 'USD'),
      row('cost.usd-per-1000-devices-month.minimum-per-instance-period', [monthly(step(perDay(wallMs)))], null, 'USD'),
      row('cost.graph-calls-per-device-day', [graphCallsPerDay], null, 'calls'),
      row('cost.graph-calls-per-device-day/outlook-10-min-limit', [graphCallsPerDay / profile.outlookRequestsPer10Minutes], null, 'ratio'),
    ];
    return { rows, breakdowns: [] };
  },
};

/** One device call through the host, with its Server-Timing total and the Graph requests the simulator counted. */
async function execute(context: BenchContext, client: LinkClient, token: string, request: LinkRequest, executions: Execution[]): Promise<LinkAnswer> {
  const before = (await context.stack.sim.stats()).requests;
  const answer = await client.request({ ...request, headers: { authorization: `Bearer ${token}` } });
  if (answer.status !== 200) throw new Error(`cost: ${request.path} answered ${answer.status}`);
  const after = (await context.stack.sim.stats()).requests;
  executions.push({ totalMs: parseServerTiming(answer.headers['server-timing'])?.total ?? 0, graphCalls: after - before });
  return answer;
}

async function finishRound(client: LinkClient, token: string, folderId: string, state: string): Promise<string> {
  for (;;) {
    const answer = await client.request({ method: 'POST', path: '/api/v1/mail/sync', headers: { authorization: `Bearer ${token}` }, body: { folderId, window: 100, body: { type: 'none' }, state } });
    const body = answer.json as { state: string; more: boolean };
    state = body.state;
    if (!body.more) return state;
  }
}

async function listIds(context: BenchContext, user: string): Promise<string[]> {
  const answer = await context.setup.graph.request({ method: 'GET', path: '/v1.0/me/mailFolders/inbox/messages?$select=id&$top=10', headers: { authorization: `Bearer ${await context.graphToken(user)}`, prefer: 'IdType="ImmutableId"' } });
  return ((answer.json as { value?: Array<{ id: string }> } | undefined)?.value ?? []).map((m) => m.id);
}

/** utime + stime of a process, ms (/proc/<pid>/stat, clock ticks at 100 Hz), or undefined without /proc. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
