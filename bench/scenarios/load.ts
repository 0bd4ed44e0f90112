import { setTimeout as sleep } from 'node:timers/promises';
import { createLinkClient, type LinkAnswer, type LinkClient, type LinkRequest } from '../clients/linkClient';
import { createRandom, type Random } from '../../dev/graphSim/core/random';
import { median, row } from '../report/rows';
import { parseServerTiming } from '../report/serverTimingRows';
import type { BenchContext } from './benchContext';
import type { Scenario } from './scenario';

/** Users `bench01`.. (dev/directory.ts), each device syncing its user's folders and Inbox. */
const benchUpn = (i: number) => `bench${String(i + 1).padStart(2, '0')}@contoso.test`;

interface Device {
  user: string;
  token: string;
  inboxId: string;
  client: LinkClient;
  folderState?: string;
  mailState?: string;
  /** The device's copy of the Inbox: id -> read. */
  copy: Map<string, boolean>;
  /** During a round that started from nothing (`reset`): the ids it brought; the rest go at its end. */
  roundSeen?: Set<string>;
}

/** What the devices met: every answer's status and code, client latency, Server-Timing. */
interface Tally {
  statuses: Map<string, number>;
  /** Answers other than 2xx, 429 `throttled` and 503 `upstream_unavailable` with Retry-After. */
  other: number;
  latencies: number[];
  totals: number[];
  graphs: number[];
}

/**
 * 18. Load (issue 20): 16 users x 4 devices for 30 s on loopback, each device syncing its folders
 * (`folders/sync`) and Inbox (`mail/sync`, window 100, text cut at 512) with 0-500 ms between rounds,
 * while the mailboxes change (a new message, a message read or unread, a message deleted: one change
 * every 50 ms by another client, straight at the simulator). Besides 2xx only 429 `throttled` and
 * 503 `upstream_unavailable`, each with Retry-After (the device waits it), are allowed; then every
 * device syncs once more and its copy (ids, read) must equal its Inbox as Graph lists it. `--quick`:
 * 4 users x 2 devices for 2 s.
 */
export const load: Scenario = {
  name: 'load',
  title: '16 users x 4 devices syncing for 30 s while their mailboxes change',
  budgetInSeconds: 50,
  async run(context) {
    const quick = context.options.quick;
    const userCount = quick ? 4 : 16;
    const devicesPerUser = quick ? 2 : 4;
    const seconds = quick ? 2 : 30;
    const users = Array.from({ length: userCount }, (_, i) => benchUpn(i));
    for (const [i, user] of users.entries()) await context.stack.sim.replaceMailbox({ user, messageCount: 120, folderCount: 2, layout: 'inbox', seed: context.options.seed + i });
    const devices: Device[] = [];
    for (const user of users) {
      const [token, inboxId] = await Promise.all([context.ferryToken(user), context.inboxId(user)]);
      for (let d = 0; d < devicesPerUser; d++) devices.push({ user, token, inboxId, client: createLinkClient(context.stack.hostUrl, 'br, gzip'), copy: new Map() });
    }
    const tally: Tally = { statuses: new Map(), other: 0, latencies: [], totals: [], graphs: [] };
    const random = createRandom(context.options.seed);
    const statsBefore = await context.stack.sim.stats();
    try {
      const deadline = performance.now() + seconds * 1000;
      let changes = 0;
      const churn = (async () => {
        while (performance.now() < deadline) {
          await changeMailbox(context, random, random.pick(users)).then(() => changes++, () => undefined);
          await sleep(50);
        }
      })();
      const started = performance.now();
      await Promise.all(
        devices.map(async (device, i) => {
          const own = createRandom(context.options.seed * 1000 + i);
          while (performance.now() < deadline) {
            await syncOnce(device, tally, deadline);
            await sleep(own.between(0, 500));
          }
        }),
      );
      const elapsedSeconds = (performance.now() - started) / 1000;
      await churn;
      const requests = tally.latencies.length;
      // The final sync: whatever changed last, each copy must come out equal to its folder.
      await Promise.all(devices.map((device) => syncOnce(device, tally, Number.POSITIVE_INFINITY)));
      let equal = 0;
      const inboxes = new Map<string, Map<string, boolean>>();
      for (const user of users) inboxes.set(user, await listInbox(context, user));
      for (const device of devices) if (sameCopy(device.copy, inboxes.get(device.user)!)) equal++;
      const statsAfter = await context.stack.sim.stats();
      const count = (status: string) => [...tally.statuses].filter(([key]) => key.startsWith(status)).reduce((sum, [, n]) => sum + n, 0);
      const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0;
      context.progress(`bench: load: ${[...tally.statuses].map(([key, n]) => `${key} ${n}`).join(', ')}; ${changes} mailbox changes; ${equal} of ${devices.length} copies equal`);
      return {
        rows: [
          row('load.other-statuses', [tally.other], 0, 'answers'),
          row('load.copies-unequal', [devices.length - equal], 0, 'copies'),
          row('load.devices', [devices.length], null, 'devices'),
          row('load.answers-per-s', [requests / elapsedSeconds], null, '/s'),
          row('load.throttled-429', [count('429')], null, 'answers'),
          row('load.unavailable-503', [count('503')], null, 'answers'),
          row('load.client-p50-ms', [p(tally.latencies, 0.5)], null, 'ms'),
          row('load.client-p99-ms', [p(tally.latencies, 0.99)], null, 'ms'),
          row('load.server-timing.total-p50-ms', tally.totals.length ? [median(tally.totals)] : [], null, 'ms'),
          row('load.server-timing.graph-p50-ms', tally.graphs.length ? [median(tally.graphs)] : [], null, 'ms'),
          row('load.mailbox-changes', [changes], null, 'changes'),
          row('load.graph-requests', [statsAfter.requests - statsBefore.requests], null, 'requests'),
        ],
        breakdowns: [],
      };
    } finally {
      for (const device of devices) device.client.close();
    }
  },
};

/** One round: folders/sync, then mail/sync of the Inbox, each until `more: false`, applied to the copy. */
async function syncOnce(device: Device, tally: Tally, deadline: number): Promise<void> {
  for (let call = 0; call < 50; call++) {
    const answer = await callFerry(device, tally, { method: 'POST', path: '/api/v1/folders/sync', body: device.folderState ? { state: device.folderState } : {} }, deadline);
    if (!answer) return;
    const body = answer.json as { state: string; more: boolean };
    device.folderState = body.state;
    if (!body.more) break;
  }
  for (let call = 0; call < 50; call++) {
    const request = { folderId: device.inboxId, window: 100, body: { type: 'text', maxChars: 512 }, ...(device.mailState ? { state: device.mailState } : {}) };
    const answer = await callFerry(device, tally, { method: 'POST', path: '/api/v1/mail/sync', body: request }, deadline);
    if (!answer) return;
    const body = answer.json as { state: string; more: boolean; reset?: boolean; upserts: Array<{ id: string; read: boolean }>; removed: string[] };
    if (body.reset) device.roundSeen = new Set();
    for (const message of body.upserts) {
      device.copy.set(message.id, message.read);
      device.roundSeen?.add(message.id);
    }
    for (const id of body.removed) device.copy.delete(id);
    device.mailState = body.state;
    if (body.more) continue;
    if (device.roundSeen) for (const id of device.copy.keys()) if (!device.roundSeen.has(id)) device.copy.delete(id);
    device.roundSeen = undefined;
    return;
  }
}

/**
 * One call, tallied. A 429 or 503 with Retry-After is waited out and the call repeated (until the
 * deadline); any other answer but 200 ends the round (undefined).
 */
async function callFerry(device: Device, tally: Tally, request: LinkRequest, deadline: number): Promise<LinkAnswer | undefined> {
  for (;;) {
    const started = performance.now();
    const answer = await device.client.request({ ...request, headers: { authorization: `Bearer ${device.token}` } });
    tally.latencies.push(performance.now() - started);
    const code = (answer.json as { code?: string } | undefined)?.code;
    const key = answer.status === 200 ? '200' : `${answer.status} ${code ?? ''}`.trim();
    tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
    const timing = parseServerTiming(answer.headers['server-timing']);
    if (timing) {
      tally.totals.push(timing.total);
      tally.graphs.push(timing.graph);
    }
    if (answer.status >= 200 && answer.status < 300) return answer;
    const retryAfter = Number(answer.headers['retry-after']);
    const allowed = ((answer.status === 429 && code === 'throttled') || (answer.status === 503 && code === 'upstream_unavailable')) && Number.isFinite(retryAfter);
    if (!allowed) {
      tally.other++;
      return undefined;
    }
    if (performance.now() + retryAfter * 1000 > deadline) return undefined;
    await sleep(retryAfter * 1000);
  }
}

/** Another client changes the mailbox: a new message, or one Inbox message read/unread or deleted. */
async function changeMailbox(context: BenchContext, random: Random, user: string): Promise<void> {
  const kind = random.int(3);
  if (kind === 0) return void (await context.stack.sim.arrive(user, 1, random.between(1, 1_000_000)));
  const auth = { authorization: `Bearer ${await context.graphToken(user)}`, prefer: 'IdType="ImmutableId"' };
  const listed = await context.setup.graph.request({ method: 'GET', path: '/v1.0/me/mailFolders/inbox/messages?$select=id,isRead&$top=20', headers: auth });
  const messages = (listed.json as { value?: Array<{ id: string; isRead: boolean }> } | undefined)?.value ?? [];
  if (messages.length === 0) return;
  const message = random.pick(messages);
  const path = `/v1.0/me/messages/${encodeURIComponent(message.id)}`;
  if (kind === 1) await context.setup.graph.request({ method: 'PATCH', path, headers: auth, body: { isRead: !message.isRead } });
  else await context.setup.graph.request({ method: 'DELETE', path, headers: auth });
}

/** The Inbox as Graph lists it: id -> isRead, every page. */
async function listInbox(context: BenchContext, user: string): Promise<Map<string, boolean>> {
  const auth = { authorization: `Bearer ${await context.graphToken(user)}`, prefer: 'IdType="ImmutableId"' };
  const inbox = new Map<string, boolean>();
  let path: string | undefined = '/v1.0/me/mailFolders/inbox/messages?$select=id,isRead&$top=100';
  while (path) {
    const answer = await context.setup.graph.request({ method: 'GET', path, headers: auth });
    if (answer.status !== 200) throw new Error(`load: listing ${user}'s Inbox answered ${answer.status}`);
    const page = answer.json as { value: Array<{ id: string; isRead: boolean }>; '@odata.nextLink'?: string };
    for (const message of page.value) inbox.set(message.id, message.isRead);
    const next = page['@odata.nextLink'];
    path = next ? `${new URL(next).pathname}${new URL(next).search}` : undefined;
  }
  return inbox;
}

function sameCopy(copy: Map<string, boolean>, inbox: Map<string, boolean>): boolean {
  if (copy.size !== inbox.size) return false;
  for (const [id, read] of inbox) if (copy.get(id) !== read) return false;
  return true;
}
