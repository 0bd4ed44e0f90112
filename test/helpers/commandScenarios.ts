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

/** The steps of `command` itself (what its scenario sent to it), dropping look-ups through other commands. */
export function ownSteps(command: string, steps: ScenarioStep[]): ScenarioStep[] {
  return steps.filter((s) => s.command === command);
}
