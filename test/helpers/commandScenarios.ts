import { randomUUID } from 'node:crypto';
import type { DeviceAnswer } from './startStack';

/** What a scenario needs: a device call (`stack.call`, or the same against a spawned host). */
export interface ScenarioApi {
  call<T = any>(command: string, body: unknown, token: string | null): Promise<DeviceAnswer<T>>;
}

export interface ScenarioStep {
  command: string;
  body: Record<string, unknown>;
  answer: DeviceAnswer;
}

/**
 * The main path of one command for one user: valid requests, in order, each answered 200, ending with
 * the command's own calls (earlier steps may call other commands to find ids). A later step may carry
 * a value from an earlier answer (a `state`). The isolation, fuzz and permission suites take real ids
 * and sealed values from here; a registered command without a scenario fails them, so a new command
 * adds its scenario here.
 */
export type CommandScenario = (api: ScenarioApi, token: string) => Promise<ScenarioStep[]>;

async function step(api: ScenarioApi, token: string, command: string, body: Record<string, unknown>): Promise<ScenarioStep> {
  let answer = await api.call(command, body, token);
  // `202 pending` (mail/send) is followed as the device does: the same request again until it ends.
  for (let poll = 0; answer.status === 202 && answer.body?.code === 'pending' && poll < 100; poll++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    answer = await api.call(command, body, token);
  }
  // 201: an upload's last chunk (the attachment is made).
  if (answer.status !== 200 && !(answer.status === 201 && command === 'mail/draft/upload')) throw new Error(`scenario: ${command} answered ${answer.status} ${String(answer.body?.code)}`);
  return { command, body, answer };
}

/** The folders/sync step that finds the inbox, and the inbox's id. */
async function findInbox(api: ScenarioApi, token: string): Promise<{ lookUp: ScenarioStep; inboxId: string }> {
  const lookUp = await step(api, token, 'folders/sync', {});
  return { lookUp, inboxId: (lookUp.answer.body.upserts as Array<{ id: string; kind: string }>).find((folder) => folder.kind === 'inbox')!.id };
}

/**
 * A folder of the user's own (kind `other`) for a scenario to act on, named anew each time: scenarios
 * run many times on one mailbox (every suite, every user) and names are unique among siblings.
 */
async function createFolder(api: ScenarioApi, token: string, parentId?: string): Promise<ScenarioStep> {
  return step(api, token, 'folders/create', { ...(parentId ? { parentId } : {}), name: `Scenario ${randomUUID().slice(0, 8)}` });
}

const folderIdOf = (created: ScenarioStep) => created.answer.body.folder.id as string;

/** Folders a folders/delete scenario leaves for the fuzzer to delete: each valid delete of one answers 200 only once. */
const foldersToDelete = 16;

export const commandScenarios: Record<string, CommandScenario> = {
  async 'folders/sync'(api, token) {
    const first = await step(api, token, 'folders/sync', {});
    const next = await step(api, token, 'folders/sync', { state: first.answer.body.state });
    return [first, next];
  },
  async 'mail/sync'(api, token) {
    // The look-up is left out of the steps: the fuzzer takes `folderId` from these requests, the folder
    // the sealed states belong to (among every folder of a look-up it would seldom pick that one).
    const { inboxId: folderId } = await findInbox(api, token);
    const first = await step(api, token, 'mail/sync', { folderId, window: 5, body: { type: 'text', maxChars: 64 } });
    const next = await step(api, token, 'mail/sync', { folderId, state: first.answer.body.state, window: 5 });
    return [first, next];
  },
  async 'mail/get'(api, token) {
    const { inboxId: folderId } = await findInbox(api, token);
    const page = await step(api, token, 'mail/sync', { folderId, window: 1 });
    return [await step(api, token, 'mail/get', { id: page.answer.body.upserts[0].id, body: { type: 'html' } })];
  },
  // The bulk commands: the look-ups stay in the steps (the fuzzer finds real message and folder ids in
  // them); each changes little, so the suites can run the scenario again and again.
  async 'mail/update'(api, token) {
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const page = await step(api, token, 'mail/sync', { folderId, window: 2 });
    const ids = (page.answer.body.upserts as Array<{ id: string }>).map((m) => m.id);
    return [lookUp, page, await step(api, token, 'mail/update', { ids, set: { read: true, flag: 'flagged', addCategories: ['Ferry'] } })];
  },
  async 'mail/move'(api, token) {
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const page = await step(api, token, 'mail/sync', { folderId, window: 2 });
    const ids = (page.answer.body.upserts as Array<{ id: string }>).map((m) => m.id);
    // To the folder they are in (by id), then by kind: nothing moves, every path is taken.
    const byId = await step(api, token, 'mail/move', { ids, destinationId: folderId });
    return [lookUp, page, byId, await step(api, token, 'mail/move', { ids, destinationId: 'inbox' })];
  },
  async 'mail/delete'(api, token) {
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const page = await step(api, token, 'mail/sync', { folderId, window: 1 });
    const ids = (page.answer.body.upserts as Array<{ id: string }>).map((m) => m.id);
    // To Deleted Items, then deleted there: the message leaves the Inbox, as a user's delete does.
    const toDeletedItems = await step(api, token, 'mail/delete', { ids });
    return [lookUp, page, toDeletedItems, await step(api, token, 'mail/delete', { ids, permanent: true })];
  },
  // Drafts: a new clientMessageId each run (a repeat with another request would be 409); the reply
  // comes first, so the suites take `respondTo.id` from a request that carries it.
  async 'mail/draft'(api, token) {
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const page = await step(api, token, 'mail/sync', { folderId, window: 1 });
    const reply = await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, respondTo: { id: page.answer.body.upserts[0].id, action: 'replyAll' }, comment: 'Scenario reply' });
    const fresh = await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, to: [{ address: 'bob@contoso.test' }], subject: 'Scenario draft', body: { type: 'text', content: 'Hello' } });
    return [lookUp, page, reply, fresh];
  },
  async 'mail/draft/update'(api, token) {
    const created = await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, subject: 'Scenario draft' });
    return [created, await step(api, token, 'mail/draft/update', { draftId: created.answer.body.draftId, set: { subject: 'Scenario draft, changed', importance: 'low' } })];
  },
  async 'mail/draft/delete'(api, token) {
    // Like folders/delete: drafts left for the fuzzer, each valid delete of one answers 200 only once.
    const created: ScenarioStep[] = [];
    for (let i = 0; i < foldersToDelete; i++) created.push(await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, subject: 'Scenario draft to delete' }));
    return [...created, await step(api, token, 'mail/draft/delete', { draftId: created[0]!.answer.body.draftId })];
  },
  async 'mail/send'(api, token) {
    // To an address with no simulated mailbox (no one's Inbox fills up); sent, then asked again: already_sent.
    const created = await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, to: [{ address: 'scenario@example.test' }], subject: 'Scenario send', body: { type: 'text', content: 'Hello' } });
    const draftId = created.answer.body.draftId as string;
    const sent = await step(api, token, 'mail/send', { draftId });
    return [created, sent, await step(api, token, 'mail/send', { draftId })];
  },
  async 'mail/draft/attachment'(api, token) {
    const created = await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, subject: 'Scenario draft with a file' });
    const draftId = created.answer.body.draftId as string;
    const file = await step(api, token, 'mail/draft/attachment', { draftId, name: 'scenario.txt', contentType: 'text/plain', size: 5 });
    const image = await step(api, token, 'mail/draft/attachment', { draftId, name: 'logo.png', contentType: 'image/png', size: 4_000_000, inline: true, contentId: 'logo' });
    return [created, file, image];
  },
  async 'mail/draft/upload'(api, token) {
    // A small file in one PUT (201): the fuzzer repeats it, and each repeat finds the attachment made.
    const created = await step(api, token, 'mail/draft', { clientMessageId: `scenario-${randomUUID()}`, subject: 'Scenario draft with a file' });
    const bytes = Buffer.from('Hello from the scenario');
    const begun = await step(api, token, 'mail/draft/attachment', { draftId: created.answer.body.draftId, name: 'scenario.txt', contentType: 'text/plain', size: bytes.length });
    const chunk = { 'ferry-upload': begun.answer.body.upload, 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`, bytes: bytes.toString('base64') };
    return [created, begun, await step(api, token, 'mail/draft/upload', chunk)];
  },
  async 'mail/search'(api, token) {
    // Mailbox-wide, then once more with the answer's cursor: the fuzzer learns `cursor` values here.
    const first = await step(api, token, 'mail/search', { text: 'the', limit: 2 });
    if (typeof first.answer.body.cursor !== 'string') throw new Error('scenario: mail/search found too little to page');
    const next = await step(api, token, 'mail/search', { text: 'the', limit: 2, cursor: first.answer.body.cursor });
    // One folder: the isolation suite replays alice's folder id with bob's token.
    const inFolder = await step(api, token, 'mail/search', { text: 'the', limit: 2, folderId: first.answer.body.messages[0].folderId });
    return [first, next, inFolder];
  },
  async 'calendar/sync'(api, token) {
    const first = await step(api, token, 'calendar/sync', calendarWindow());
    return [first, await step(api, token, 'calendar/sync', { state: first.answer.body.state })];
  },
  async 'calendar/get'(api, token) {
    const page = await step(api, token, 'calendar/sync', { ...calendarWindow(), window: 1 });
    return [page, await step(api, token, 'calendar/get', { id: page.answer.body.upserts[0].id, timeZone: 'Europe/Berlin' })];
  },
  async 'calendar/list'(api, token) {
    return [await step(api, token, 'calendar/list', {})];
  },
  // An app launch: folders, the first inbox screen, today's calendar in one round trip, then the next
  // launch with the states the first gave (each part's state is its command's own).
  async batch(api, token) {
    const { inboxId: folderId } = await findInbox(api, token);
    const cold = await step(api, token, 'batch', {
      requests: [
        { id: 'folders', command: 'folders/sync', body: {} },
        { id: 'inbox', command: 'mail/sync', body: { folderId, window: 5, body: { type: 'none' } } },
        { id: 'calendar', command: 'calendar/sync', body: calendarWindow() },
      ],
    });
    const stateOf = (id: string) => (cold.answer.body.responses as Array<{ id: string; body: { state: string } }>).find((part) => part.id === id)!.body.state;
    const warm = await step(api, token, 'batch', {
      requests: [
        { id: 'folders', command: 'folders/sync', body: { state: stateOf('folders') } },
        { id: 'inbox', command: 'mail/sync', body: { folderId, state: stateOf('inbox'), window: 5 } },
        { id: 'calendar', command: 'calendar/sync', body: { state: stateOf('calendar') } },
      ],
    });
    return [cold, warm];
  },
  async 'calendar/freebusy'(api, token) {
    // The user and a colleague (bob shares his calendar with alice: Graph shows her his subjects, Ferry never does).
    const { start } = calendarWindow();
    const end = new Date(Date.parse(start) + 31 * 24 * 3600 * 1000).toISOString();
    return [await step(api, token, 'calendar/freebusy', { addresses: ['alice@contoso.test', 'bob@contoso.test'], start, end, timeZone: 'Europe/Berlin', intervalMinutes: 60 })];
  },
  async 'calendar/respond'(api, token) {
    // The demo calendar's invitation from the other dev user (demoCalendars.ts), found by sync over the
    // days around it; answered tentatively then accepted: a replay of either answers again or is unchanged.
    const dayInMs = 24 * 3600 * 1000;
    const page = await step(api, token, 'calendar/sync', { start: new Date(Date.now() - 2 * dayInMs).toISOString(), end: new Date(Date.now() + 8 * dayInMs).toISOString(), window: 200 });
    const id = (page.answer.body.upserts as Array<{ id: string; subject: string }>).find((e) => e.subject === 'Design review')!.id;
    const tentative = await step(api, token, 'calendar/respond', { id, response: 'tentative', sendResponse: false });
    return [page, tentative, await step(api, token, 'calendar/respond', { id, response: 'accept', comment: 'Scenario', sendResponse: false })];
  },
  async 'calendar/create'(api, token) {
    // A new clientEventId each run (a repeat with another request would be 409); a meeting with the other dev user.
    const start = new Date(Date.now() + 40 * 24 * 3600 * 1000);
    start.setUTCHours(9, 0, 0, 0);
    const end = new Date(start.getTime() + 3600 * 1000);
    const body = { subject: 'Scenario meeting', start: start.toISOString(), end: end.toISOString(), timeZone: 'Europe/Berlin', attendees: [{ address: 'bob@contoso.test' }], reminderMinutes: 5 };
    const made = await step(api, token, 'calendar/create', { clientEventId: `scenario-${randomUUID()}`, ...body });
    return [made, await step(api, token, 'calendar/create', { clientEventId: `scenario-${randomUUID()}`, subject: 'Scenario day', start: '2031-05-01', end: '2031-05-02', allDay: true, timeZone: 'UTC' })];
  },
  async 'calendar/delete'(api, token) {
    // Like contacts/delete: events left for the fuzzer (each valid delete of one answers 200 only once), then one deleted.
    const created: ScenarioStep[] = [];
    for (let i = 0; i < foldersToDelete; i++) {
      created.push(await step(api, token, 'calendar/create', { clientEventId: `scenario-${randomUUID()}`, subject: 'Scenario doomed', start: '2031-05-02T09:00:00Z', end: '2031-05-02T10:00:00Z', timeZone: 'UTC' }));
    }
    return [...created, await step(api, token, 'calendar/delete', { id: created[0]!.answer.body.event.id })];
  },
  async 'contacts/folders'(api, token) {
    const first = await step(api, token, 'contacts/folders', {});
    const next = await step(api, token, 'contacts/folders', { state: first.answer.body.state });
    return [first, next];
  },
  async 'contacts/sync'(api, token) {
    // As for mail/sync, the look-up stays out of the steps: the fuzzer takes `folderId` from these requests.
    const folders = await step(api, token, 'contacts/folders', {});
    const folderId = (folders.answer.body.upserts as Array<{ id: string; isDefault: boolean }>).find((folder) => folder.isDefault)!.id;
    const first = await step(api, token, 'contacts/sync', { folderId, window: 5 });
    const next = await step(api, token, 'contacts/sync', { folderId, state: first.answer.body.state, window: 5 });
    return [first, next];
  },
  // Contact writes: a new clientContactId each run (a repeat with another request would be 409); the
  // folder ids are graphFolderIds, so the look-up stays out of the steps as for contacts/sync.
  async 'contacts/create'(api, token) {
    const folderId = await defaultContactFolder(api, token);
    const inFolder = await step(api, token, 'contacts/create', { clientContactId: `scenario-${randomUUID()}`, folderId, contact: scenarioContact() });
    const byDefault = await step(api, token, 'contacts/create', { clientContactId: `scenario-${randomUUID()}`, contact: { displayName: 'Scenario Default' } });
    return [inFolder, byDefault];
  },
  async 'contacts/update'(api, token) {
    const folderId = await defaultContactFolder(api, token);
    const created = await step(api, token, 'contacts/create', { clientContactId: `scenario-${randomUUID()}`, folderId, contact: scenarioContact() });
    const id = created.answer.body.contact.id as string;
    // Back and forth: the suites replay these steps, and a repeat of either finds the contact as it left it.
    const there = await step(api, token, 'contacts/update', { id, folderId, base: { jobTitle: 'Tester' }, set: { jobTitle: 'Scenario lead' } });
    return [created, there, await step(api, token, 'contacts/update', { id, folderId, base: { jobTitle: 'Scenario lead' }, set: { jobTitle: 'Tester' } })];
  },
  async 'contacts/delete'(api, token) {
    // Like folders/delete: contacts left for the fuzzer, each valid delete of one answers 200 only once.
    const folderId = await defaultContactFolder(api, token);
    const created: ScenarioStep[] = [];
    for (let i = 0; i < foldersToDelete; i++) created.push(await step(api, token, 'contacts/create', { clientContactId: `scenario-${randomUUID()}`, folderId, contact: { displayName: 'Scenario Doomed' } }));
    return [...created, await step(api, token, 'contacts/delete', { id: created[0]!.answer.body.contact.id, folderId })];
  },
  async 'contacts/photos'(api, token) {
    const folderId = await defaultContactFolder(api, token);
    const page = await step(api, token, 'contacts/sync', { folderId, window: 5 });
    const ids = (page.answer.body.upserts as Array<{ id: string }>).map((c) => c.id);
    return [page, await step(api, token, 'contacts/photos', { folderId, ids })];
  },
  async 'contacts/photo/set'(api, token) {
    const folderId = await defaultContactFolder(api, token);
    const created = await step(api, token, 'contacts/create', { clientContactId: `scenario-${randomUUID()}`, folderId, contact: { displayName: 'Scenario Photo' } });
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64');
    return [created, await step(api, token, 'contacts/photo/set', { id: created.answer.body.contact.id, folderId, contentType: 'image/png', data })];
  },
  async 'people/search'(api, token) {
    return [await step(api, token, 'people/search', { text: 'a', limit: 5 })];
  },
  async 'folders/create'(api, token) {
    const top = await createFolder(api, token);
    const again = await step(api, token, 'folders/create', { name: top.body.name as string });
    const child = await createFolder(api, token, folderIdOf(top));
    return [top, again, child];
  },
  async 'folders/rename'(api, token) {
    const created = await createFolder(api, token);
    return [created, await step(api, token, 'folders/rename', { id: folderIdOf(created), name: `Renamed ${randomUUID().slice(0, 8)}` })];
  },
  async 'folders/move'(api, token) {
    const [moving, into] = [await createFolder(api, token), await createFolder(api, token)];
    const under = await step(api, token, 'folders/move', { id: folderIdOf(moving), parentId: folderIdOf(into) });
    return [moving, into, under, await step(api, token, 'folders/move', { id: folderIdOf(moving) })];
  },
  async 'folders/delete'(api, token) {
    const created: ScenarioStep[] = [];
    for (let i = 0; i < foldersToDelete; i++) created.push(await createFolder(api, token));
    return [...created, await step(api, token, 'folders/delete', { id: folderIdOf(created[0]!) })];
  },
  async 'folders/markRead'(api, token) {
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const first = await step(api, token, 'folders/markRead', { folderId });
    return [lookUp, first, await step(api, token, 'folders/markRead', { folderId, receivedBefore: first.answer.body.receivedBefore })];
  },
  async 'folders/empty'(api, token) {
    // No look-up among the steps: the fuzzer takes its folder ids from these two requests, both emptiable.
    const lookUp = await step(api, token, 'folders/sync', {});
    const [deleted, junk] = ['deleted', 'junk'].map((kind) => (lookUp.answer.body.upserts as Array<{ id: string; kind: string }>).find((folder) => folder.kind === kind)!.id);
    return [await step(api, token, 'folders/empty', { folderId: deleted }), await step(api, token, 'folders/empty', { folderId: junk })];
  },
  async 'mail/attachment'(api, token) {
    // The inbox's first message with a file attachment (mail/get names its attachments), then its bytes.
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const steps: ScenarioStep[] = [lookUp];
    let state: string | undefined;
    for (let round = 0; round < 20; round++) {
      const page = await step(api, token, 'mail/sync', { folderId, window: 50, ...(state ? { state } : {}) });
      steps.push(page);
      for (const message of page.answer.body.upserts as Array<{ id: string; hasAttachments?: boolean }>) {
        if (!message.hasAttachments) continue;
        const get = await step(api, token, 'mail/get', { id: message.id });
        const file = (get.answer.body.message.attachments as Array<{ id: string; kind?: string }>).find((a) => (a.kind ?? 'file') === 'file');
        if (!file) continue;
        return [...steps, get, await step(api, token, 'mail/attachment', { message: message.id, attachment: file.id })];
      }
      if (!page.answer.body.more) break;
      state = page.answer.body.state;
    }
    throw new Error('scenario: no message with a file attachment in the inbox');
  },
};

/** The default contact folder's id (a look-up the scenarios keep out of their steps). */
async function defaultContactFolder(api: ScenarioApi, token: string): Promise<string> {
  const folders = await step(api, token, 'contacts/folders', {});
  return (folders.answer.body.upserts as Array<{ id: string; isDefault: boolean }>).find((folder) => folder.isDefault)!.id;
}

/** A contact with a little of everything. */
function scenarioContact(): Record<string, unknown> {
  return {
    displayName: 'Scenario Contact',
    jobTitle: 'Tester',
    emails: [{ name: 'Scenario', address: 'scenario@example.test' }],
    phones: [{ type: 'mobile', number: '+1 555 0100' }],
    addresses: [{ type: 'business', city: 'Redmond' }],
    birthday: '1990-01-02',
  };
}

/** The advised calendar window around now: 30 days back, 180 ahead. */
function calendarWindow(): { start: string; end: string } {
  const dayInMs = 24 * 3600 * 1000;
  return { start: new Date(Date.now() - 30 * dayInMs).toISOString(), end: new Date(Date.now() + 180 * dayInMs).toISOString() };
}

/** The steps of `command` itself (what its scenario sent to it), dropping look-ups through other commands. */
export function ownSteps(command: string, steps: ScenarioStep[]): ScenarioStep[] {
  return steps.filter((s) => s.command === command);
}
