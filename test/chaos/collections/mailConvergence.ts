import fc from 'fast-check';
import type { BodyPreference, Message } from '../../../shared/protocol/schemas/mail';
import { toDeviceMessage } from '../../../shared/translate/toDeviceMessage';
import type { ReferenceDevice } from '../../device/referenceDevice';
import type { ConvergenceCollection, RunContext } from '../convergenceCollection';

/**
 * Mail: two devices of one user sync two folders (the Inbox and the Archive) with mail/sync, each with
 * its own random windows and body type, while the mailbox changes through Graph as in Foundation 2's
 * convergence property (deliveries, mail from bob, read, flag, categories, moves out, in and back,
 * deletes, forced token expiry, partial items). At the end every device holds exactly each folder,
 * field by field, and no message in two folders.
 */
type Step =
  | { kind: 'sync'; device: 0 | 1; folder: 0 | 1; window: number }
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
  {
    // Half the steps are device syncs, so Ferry meets enough faults in every run.
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device: fc.constantFrom(0 as const, 1 as const),
      folder: fc.constantFrom(0 as const, 1 as const),
      window: fc.integer({ min: 1, max: 12 }),
    }),
  },
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
const path = (id: string) => `/me/messages/${encodeURIComponent(id)}`;

type Args = [Step[], [BodyPreference, BodyPreference], number, number];

export const mailConvergence: ConvergenceCollection<Args> = {
  name: 'mail',
  arbitraries: [fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), fc.tuple(bodyPreference, bodyPreference), fc.integer({ min: 10, max: 50 }), fc.nat()],
  async run(context, [steps, bodies, finalWindow, deviceSeed]) {
    const { upn } = context;
    const view = () => context.stack.sim.state.mailbox(upn)!;
    const folders = [String(view().folder('inbox')!.id), String(view().folder('archive')!.id)] as const;
    const devices = [context.device(deviceSeed), context.device(deviceSeed + 1)] as const;
    const ids = (folder: string) => view().messages(folder).map((m) => String(m.id));
    const chosen = (folder: string, index: number) => {
      const list = ids(folder);
      return list.length === 0 ? undefined : list[index % list.length];
    };
    const [target, other] = folders;

    for (const s of steps) {
      switch (s.kind) {
        case 'sync':
          await devices[s.device].syncMailOnce(folders[s.folder], { window: s.window, body: bodies[s.device] });
          continue;
        case 'deliver':
          context.stack.sim.state.simulateArrival(upn, { folder: target, isRead: s.read });
          continue;
        case 'send': // bob mails alice through Graph: 202 now, in alice's inbox a little later
          await context.graph(
            'POST',
            '/me/sendMail',
            { message: { subject: 'Chaos', body: { contentType: 'Text', content: 'Hello' }, toRecipients: [{ emailAddress: { address: upn } }] } },
            'bob@contoso.test',
          );
          continue;
        case 'expireTokens':
          context.stack.sim.state.expireDeltaTokens(upn);
          continue;
        case 'partialItems':
          context.stack.sim.state.setFlags({ partialUpdates: s.on });
          continue;
      }
      const id = chosen(s.kind === 'moveIn' ? other : target, s.pick);
      if (!id) continue;
      switch (s.kind) {
        case 'read':
          await context.graph('PATCH', path(id), { isRead: s.isRead });
          break;
        case 'flag':
          await context.graph('PATCH', path(id), { flag: { flagStatus: s.status } });
          break;
        case 'categorize':
          await context.graph('PATCH', path(id), { categories: s.categories });
          break;
        case 'moveOut':
          await context.graph('POST', `${path(id)}/move`, { destinationId: other });
          break;
        case 'moveIn':
          await context.graph('POST', `${path(id)}/move`, { destinationId: target });
          break;
        case 'delete':
          await context.graph('DELETE', path(id));
          break;
        case 'moveOutAndBack':
          await context.graph('POST', `${path(id)}/move`, { destinationId: other });
          await context.graph('POST', `${path(id)}/move`, { destinationId: target });
          break;
      }
    }
    await context.faults.off();
    await context.stack.sim.state.deliveriesSettled();

    for (const [index, device] of (devices as readonly ReferenceDevice[]).entries()) {
      for (const folder of folders) {
        await device.syncMail(folder, { window: finalWindow, body: bodies[index], maxCalls: 20 });
        const collection = device.mail.get(folder)!;
        expect(collection.replica.items).toEqual(await expected(context, folder, collection.body));
      }
      const inBoth = [...device.mail.get(target)!.replica.items.keys()].filter((id) => device.mail.get(other)!.replica.items.has(id));
      expect(inBoth).toEqual([]);
    }
  },
};

/** The folder as Graph has it now, in the device's form for its body preference: the expected copy. */
async function expected(context: RunContext, folderId: string, body: BodyPreference): Promise<Map<string, Message>> {
  const prefer: Record<string, string> = body.type === 'none' ? {} : { Prefer: `outlook.body-content-type="${body.type}"` };
  const response = await fetch(`${context.stack.sim.url}/v1.0/me/mailFolders/${encodeURIComponent(folderId)}/messages?$top=1000`, {
    headers: { authorization: `Bearer ${await context.stack.graphToken(context.upn)}`, ...prefer },
  });
  const { value } = (await response.json()) as { value: Record<string, unknown>[] };
  return new Map(value.map((m) => [String(m.id), toDeviceMessage(m, { folderId, body })]));
}
