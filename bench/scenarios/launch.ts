import type { LinkClient } from '../clients/linkClient';
import { directSelectFields, pathOf } from '../direct/directSync';
import { row } from '../report/rows';
import { demoUser } from '../stack/benchMailboxes';
import type { RunOutcome } from './benchContext';
import { runRepeats } from './runRepeats';
import { absoluteRows, ratioRow, type Scenario } from './scenario';

const dayInMs = 24 * 3600 * 1000;
const timeZone = 'Europe/Berlin';
/** The first inbox screen on both paths. */
const inboxPage = 50;

interface FerryStates {
  folders?: string;
  inbox?: string;
  inboxId?: string;
  today?: string;
}

interface DirectLinks {
  folders?: string;
  inbox?: string;
  today?: string;
}

interface Today {
  start: string;
  end: string;
}

/**
 * An app launch through Ferry: one `batch` of folders/sync, the inbox's mail/sync (by kind when cold,
 * by id when warm; window 50, no bodies) and today's calendar/sync. Returns the states for the next.
 */
async function ferryLaunch(client: LinkClient, token: string, today: Today, states: FerryStates): Promise<RunOutcome & { next: FerryStates }> {
  const inbox = states.inbox ? { folderId: states.inboxId, state: states.inbox, window: inboxPage } : { kind: 'inbox', window: inboxPage, body: { type: 'none' } };
  const requests = [
    { id: 'folders', command: 'folders/sync', body: states.folders ? { state: states.folders } : {} },
    { id: 'inbox', command: 'mail/sync', body: inbox },
    { id: 'today', command: 'calendar/sync', body: states.today ? { state: states.today } : { ...today, timeZone } },
  ];
  const answer = await client.request({ method: 'POST', path: '/api/v1/batch', headers: { authorization: `Bearer ${token}` }, body: { requests } });
  if (answer.status !== 200) throw new Error(`batch answered ${answer.status}`);
  const json = answer.json as { responses: Array<{ id: string; status: number; body: { state?: string; folderId?: string } }> };
  const part = (id: string) => {
    const found = json.responses.find((response) => response.id === id)!;
    if (found.status !== 200) throw new Error(`batch part ${id} answered ${found.status}`);
    return found.body;
  };
  const next = { folders: part('folders').state, inbox: part('inbox').state, inboxId: states.inboxId ?? part('inbox').folderId, today: part('today').state };
  return { roundTrips: 1, wireBodyBytes: answer.wireBodyBytes, answers: [json], next };
}

/** One Graph collection as the direct client reads it: its pages to the deltaLink (`firstPageOnly`: the first screen). */
async function directCollection(client: LinkClient, token: string, first: string, prefer: string, firstPageOnly: boolean): Promise<RunOutcome & { link?: string }> {
  const answers: unknown[] = [];
  let wireBodyBytes = 0;
  let path: string | undefined = first;
  for (let page = 1; path; page++) {
    const answer = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}`, prefer } });
    if (answer.status !== 200) throw new Error(`Graph answered ${answer.status}`);
    const json = answer.json as { '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    answers.push(json);
    wireBodyBytes += answer.wireBodyBytes;
    if (json['@odata.deltaLink'] || firstPageOnly) return { roundTrips: page, wireBodyBytes, answers, link: json['@odata.deltaLink'] ?? json['@odata.nextLink'] };
    path = json['@odata.nextLink'] ? pathOf(json['@odata.nextLink']) : undefined;
    if (page >= 50) throw new Error('Graph kept answering nextLinks');
  }
  return { roundTrips: 0, wireBodyBytes, answers };
}

/**
 * The direct client's launch, one request after another on one connection (`direct-seq`): the folder
 * delta, the inbox's delta by well-known name (page 50, bodyPreview), today's calendarView delta; warm,
 * from the links the previous launch kept.
 */
async function directSeqLaunch(client: LinkClient, token: string, today: { startDateTime: string; endDateTime: string }, links: DirectLinks): Promise<RunOutcome & { next: DirectLinks }> {
  const ids = 'IdType="ImmutableId"';
  const folders = await directCollection(client, token, links.folders ? pathOf(links.folders) : `/v1.0/me/mailFolders/delta?$select=displayName,parentFolderId,unreadItemCount,totalItemCount`, ids, false);
  const inboxFirst = `/v1.0/me/mailFolders/inbox/messages/delta?${new URLSearchParams({ $select: directSelectFields(false).join(',') }).toString()}`;
  const inbox = await directCollection(client, token, links.inbox ? pathOf(links.inbox) : inboxFirst, `odata.maxpagesize=${inboxPage}, ${ids}`, true);
  const todayFirst = `/v1.0/me/calendarView/delta?${new URLSearchParams(today).toString()}`;
  const calendar = await directCollection(client, token, links.today ? pathOf(links.today) : todayFirst, `odata.maxpagesize=200, outlook.timezone="${timeZone}", ${ids}`, false);
  const parts = [folders, inbox, calendar];
  return {
    roundTrips: parts.reduce((sum, part) => sum + part.roundTrips, 0),
    wireBodyBytes: parts.reduce((sum, part) => sum + part.wireBodyBytes, 0),
    answers: parts.flatMap((part) => part.answers),
    next: { folders: folders.link, inbox: inbox.link, today: calendar.link },
  };
}

/**
 * An app launch (issue #21): folders, the first inbox screen and today's calendar. Ferry's one `batch`
 * against the direct client's three collections one after another (`direct-seq`), cold (a fresh
 * install) and warm (the previous launch's states and links, no changes between). Not measured yet:
 * `direct-par`, `direct-batch`, and warm launches with changes since.
 */
export const launch: Scenario = {
  name: 'launch',
  title: 'app launch: folders, first inbox screen, today in one batch (cold, warm)',
  budgetInSeconds: 40,
  async run(context) {
    const ferryToken = await context.ferryToken(demoUser);
    const graphToken = await context.graphToken(demoUser);
    const midnight = Math.floor(Date.now() / dayInMs) * dayInMs;
    const today = { startDateTime: new Date(midnight).toISOString(), endDateTime: new Date(midnight + dayInMs).toISOString() };
    const ferryToday = { start: today.startDateTime, end: today.endDateTime };
    const statsBefore = await context.stack.sim.stats();
    let ferryStates: FerryStates = {};
    let directLinks: DirectLinks = {};
    const ferry = (warm: boolean) => () =>
      context.measure('ferry-br', demoUser, async (client) => {
        const outcome = await ferryLaunch(client, ferryToken, ferryToday, warm ? ferryStates : {});
        ferryStates = outcome.next;
        return outcome;
      });
    const direct = (warm: boolean) => () =>
      context.measure('direct-gzip', demoUser, async (client) => {
        const outcome = await directSeqLaunch(client, graphToken, today, warm ? directLinks : {});
        directLinks = outcome.next;
        return outcome;
      });
    // Untimed warm-up (connections, JIT, token caches), and the first states and links.
    await ferryLaunch(context.setup.ferry, ferryToken, ferryToday, {});
    const cold = await runRepeats(context.options.repeats, [{ variant: 'ferry-br', run: ferry(false) }, { variant: 'direct-gzip', run: direct(false) }]);
    const warm = await runRepeats(context.options.repeats, [{ variant: 'ferry-br', run: ferry(true) }, { variant: 'direct-gzip', run: direct(true) }]);
    const statsAfter = await context.stack.sim.stats();
    const rows = (name: string, samples: typeof cold) => [
      row(`launch.${name}.device-requests.ferry`, samples['ferry-br']!.map((s) => s.roundTrips), 1, 'count'),
      ratioRow(samples, `launch.${name}.device-requests.ferry/direct-seq`, 'ferry-br', 'direct-gzip', (s) => s.roundTrips, 0.34),
      ratioRow(samples, `launch.${name}.wall.ferry-br/direct-seq-gzip`, 'ferry-br', 'direct-gzip', (s) => s.wallInMs, 0.5),
      row(`launch.${name}.graph-calls.ferry`, samples['ferry-br']!.map((s) => s.graphCalls + s.batches), null, 'count'),
      row(`launch.${name}.graph-calls.direct-seq`, samples['direct-gzip']!.map((s) => s.graphCalls + s.batches), null, 'count'),
      ...absoluteRows(samples, `launch.${name}`).filter((r) => !r.name.includes('.body-kb.')),
    ];
    return {
      rows: [...rows('cold', cold), ...rows('warm', warm), row('launch.sim-429s', [statsAfter.throttled - statsBefore.throttled], 0, 'count')],
      breakdowns: [],
    };
  },
};
