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
  const answer = await api.call(command, body, token);
  if (answer.status !== 200) throw new Error(`scenario: ${command} answered ${answer.status} ${String(answer.body?.code)}`);
  return { command, body, answer };
}

/** The folders/sync step that finds the inbox, and the inbox's id. */
async function findInbox(api: ScenarioApi, token: string): Promise<{ lookUp: ScenarioStep; inboxId: string }> {
  const lookUp = await step(api, token, 'folders/sync', {});
  return { lookUp, inboxId: (lookUp.answer.body.upserts as Array<{ id: string; kind: string }>).find((folder) => folder.kind === 'inbox')!.id };
}

export const commandScenarios: Record<string, CommandScenario> = {
  async 'folders/sync'(api, token) {
    const first = await step(api, token, 'folders/sync', {});
    const next = await step(api, token, 'folders/sync', { state: first.answer.body.state });
    return [first, next];
  },
  async 'mail/sync'(api, token) {
    // The look-up stays in the steps: mail/sync answers do not name their folder, so its folder ids are
    // where the fuzzer finds real values for `folderId`.
    const { lookUp, inboxId: folderId } = await findInbox(api, token);
    const first = await step(api, token, 'mail/sync', { folderId, window: 5, body: { type: 'text', maxChars: 64 } });
    const next = await step(api, token, 'mail/sync', { folderId, state: first.answer.body.state, window: 5 });
    return [lookUp, first, next];
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
  async 'mail/search'(api, token) {
    // Mailbox-wide, then once more with the answer's cursor: the fuzzer learns `cursor` values here.
    const first = await step(api, token, 'mail/search', { text: 'the', limit: 2 });
    if (typeof first.answer.body.cursor !== 'string') throw new Error('scenario: mail/search found too little to page');
    const next = await step(api, token, 'mail/search', { text: 'the', limit: 2, cursor: first.answer.body.cursor });
    // One folder: the isolation suite replays alice's folder id with bob's token.
    const inFolder = await step(api, token, 'mail/search', { text: 'the', limit: 2, folderId: first.answer.body.messages[0].folderId });
    return [first, next, inFolder];
  },
  async 'people/search'(api, token) {
    return [await step(api, token, 'people/search', { text: 'a', limit: 5 })];
  },
};

/** The steps of `command` itself (what its scenario sent to it), dropping look-ups through other commands. */
export function ownSteps(command: string, steps: ScenarioStep[]): ScenarioStep[] {
  return steps.filter((s) => s.command === command);
}
