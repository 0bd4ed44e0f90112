import fc from 'fast-check';
import { startStack, type Stack } from '../helpers/startStack';
import { ReferenceDevice } from '../device/referenceDevice';
import type { BodyPreference, Message } from '../../shared/protocol/schemas/mail';
import { toDeviceMessage } from '../../shared/translate/toDeviceMessage';

/**
 * Convergence: whatever happens to a folder through Graph, and however the device's calls interleave
 * with it (random windows, forced delta-token expiry, partial delta items), a device that follows only
 * the documented protocol ends with exactly the folder's messages, field by field.
 * Runs: FERRY_CONVERGENCE_RUNS (default 100); seed: FERRY_CONVERGENCE_SEED (fast-check prints seed and
 * path on failure, to replay it).
 */
const runs = Number(process.env.FERRY_CONVERGENCE_RUNS ?? 100);
const seed = Number(process.env.FERRY_CONVERGENCE_SEED ?? 20261128);
const upn = 'alice@contoso.test';

type Step =
  | { kind: 'sync'; window: number }
  | { kind: 'deliver'; read: boolean }
  | { kind: 'send' }
  | { kind: 'read'; pick: number; isRead: boolean }
  | { kind: 'flag'; pick: number; status: 'notFlagged' | 'flagged' | 'complete' }
  | { kind: 'categorize'; pick: number; categories: string[] }
  | { kind: 'moveOut'; pick: number }
  | { kind: 'moveIn'; pick: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'moveOutAndBack'; pick: number }
  | { kind: 'expireTokens' }
  | { kind: 'partialItems'; on: boolean };

const pick = fc.nat({ max: 1000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), window: fc.integer({ min: 1, max: 12 }) }) },
  fc.record({ kind: fc.constant('deliver' as const), read: fc.boolean() }),
  fc.record({ kind: fc.constant('send' as const) }),
  fc.record({ kind: fc.constant('read' as const), pick, isRead: fc.boolean() }),
  fc.record({ kind: fc.constant('flag' as const), pick, status: fc.constantFrom('notFlagged' as const, 'flagged' as const, 'complete' as const) }),
  fc.record({ kind: fc.constant('categorize' as const), pick, categories: fc.subarray(['Red', 'Blue', 'Travel']) }),
  fc.record({ kind: fc.constant('moveOut' as const), pick }),
  fc.record({ kind: fc.constant('moveIn' as const), pick }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('moveOutAndBack' as const), pick }),
  fc.record({ kind: fc.constant('expireTokens' as const) }),
  fc.record({ kind: fc.constant('partialItems' as const), on: fc.boolean() }),
);
const bodyPreference: fc.Arbitrary<BodyPreference> = fc.oneof(
  fc.constant({ type: 'none' as const }),
  fc.record({ type: fc.constantFrom('text' as const, 'html' as const), maxChars: fc.integer({ min: 1, max: 300 }) }),
);

describe('mail/sync convergence (property)', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: [{ user: upn, messageCount: 12, folderCount: 1 }, { user: 'bob@contoso.test', messageCount: 1, folderCount: 0 }] } });
    token = await stack.token(upn);
  });
  afterAll(() => stack.close());

  const ids = (folder: string) => stack.sim.state.mailbox(upn)!.messages(folder).map((m) => String(m.id));
  const chosen = (folder: string, index: number) => {
    const list = ids(folder);
    return list.length === 0 ? undefined : list[index % list.length];
  };
  const path = (id: string) => `/me/messages/${encodeURIComponent(id)}`;

  async function apply(step: Step, folders: { target: string; other: string }, device: ReferenceDevice, body: BodyPreference) {
    const { target, other } = folders;
    switch (step.kind) {
      case 'sync':
        return void (await device.syncMailOnce(target, { window: step.window, body }));
      case 'deliver':
        return void stack.sim.state.simulateArrival(upn, { folder: target, isRead: step.read });
      case 'send': // bob mails alice through Graph: 202 now, in alice's inbox a little later
        return void (await stack.graph('POST', '/me/sendMail', 'bob@contoso.test', {
          message: { subject: 'Convergence', body: { contentType: 'Text', content: 'Hello' }, toRecipients: [{ emailAddress: { address: upn } }] },
        }));
      case 'expireTokens':
        return void stack.sim.state.expireDeltaTokens(upn);
      case 'partialItems':
        return stack.sim.state.setFlags({ partialUpdates: step.on });
    }
    const source = step.kind === 'moveIn' ? other : target;
    const id = chosen(source, step.pick);
    if (!id) return;
    switch (step.kind) {
      case 'read':
        return void (await stack.graph('PATCH', path(id), upn, { isRead: step.isRead }));
      case 'flag':
        return void (await stack.graph('PATCH', path(id), upn, { flag: { flagStatus: step.status } }));
      case 'categorize':
        return void (await stack.graph('PATCH', path(id), upn, { categories: step.categories }));
      case 'moveOut':
        return void (await stack.graph('POST', `${path(id)}/move`, upn, { destinationId: other }));
      case 'moveIn':
        return void (await stack.graph('POST', `${path(id)}/move`, upn, { destinationId: target }));
      case 'delete':
        return void (await stack.graph('DELETE', path(id), upn));
      case 'moveOutAndBack':
        await stack.graph('POST', `${path(id)}/move`, upn, { destinationId: other });
        return void (await stack.graph('POST', `${path(id)}/move`, upn, { destinationId: target }));
    }
  }

  /** The folder as Graph has it now, in the device's form: the expected replica. */
  async function expected(target: string, body: BodyPreference): Promise<Map<string, Message>> {
    const prefer: Record<string, string> = body.type === 'none' ? {} : { Prefer: `outlook.body-content-type="${body.type}"` };
    const response = await fetch(`${stack.sim.url}/v1.0/me/mailFolders/${encodeURIComponent(target)}/messages?$top=1000`, {
      headers: { authorization: `Bearer ${await stack.graphToken(upn)}`, ...prefer },
    });
    const { value } = (await response.json()) as { value: Record<string, unknown>[] };
    return new Map(value.map((m) => [String(m.id), toDeviceMessage(m, { folderId: target, body })]));
  }

  it(`a device converges to exactly the folder (${runs} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), bodyPreference, fc.integer({ min: 1, max: 50 }), fc.boolean(), async (steps, body, finalWindow, shortPages) => {
        stack.sim.state.replaceMailbox({ user: upn, messageCount: 12, folderCount: 1, seed: ++run });
        // Short pages (fewer items than asked, sometimes none) make Ferry drain several pages per answer.
        stack.sim.state.setFlags({ partialUpdates: false, shortPages });
        const target = String(stack.sim.state.mailbox(upn)!.folder('inbox')!.id);
        const other = String(stack.sim.state.mailbox(upn)!.folder('archive')!.id);
        // The reference device follows only docs/device-api.md (the rule table and the reset rule).
        const device = new ReferenceDevice({ hostUrl: stack.hostUrl, getToken: async () => token });
        for (const s of steps) await apply(s, { target, other }, device, body);
        await stack.sim.state.deliveriesSettled();
        await device.syncMail(target, { window: finalWindow, body, maxCalls: 60 });
        expect(device.mail.get(target)!.replica.items).toEqual(await expected(target, body));
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  }, 600_000);
});
