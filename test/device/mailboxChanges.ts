import fc from 'fast-check';
import type { Stack } from '../helpers/startStack';
import type { BodyPreference, Message } from '../../shared/protocol/schemas/mail';
import { toDeviceMessage } from '../../shared/translate/toDeviceMessage';

/**
 * The random mailbox changes both convergence suites apply through Graph (and the simulator's handle
 * for what another client does): deliveries, mail from bob, read, flag, categories, moves out, in and
 * back, deletes, forced delta-token expiry, partial delta items. Each suite adds its own sync steps.
 */
export type MailboxChange =
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

/** One arbitrary per kind of change, for `fc.oneof` beside a suite's sync steps. */
export const mailboxChangeArbitraries: fc.Arbitrary<MailboxChange>[] = [
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
];

export const bodyPreferenceArbitrary: fc.Arbitrary<BodyPreference> = fc.oneof(
  fc.constant({ type: 'none' as const }),
  fc.record({ type: fc.constantFrom('text' as const, 'html' as const), maxChars: fc.integer({ min: 1, max: 300 }) }),
);

export interface MailboxChangeTarget {
  stack: Stack;
  upn: string;
  /** The folder the devices sync; changes pick messages there. */
  target: string;
  /** Where messages move out to, and in from. */
  other: string;
  /** Graph as the mailbox owner (or `upn` given) would call it. */
  graph(method: string, path: string, body?: unknown, upn?: string): Promise<unknown>;
}

const messagePath = (id: string) => `/me/messages/${encodeURIComponent(id)}`;

export async function applyMailboxChange(change: MailboxChange, on: MailboxChangeTarget): Promise<void> {
  const { stack, upn, target, other } = on;
  switch (change.kind) {
    case 'deliver':
      return void stack.sim.state.simulateArrival(upn, { folder: target, isRead: change.read });
    case 'send': // bob mails the user through Graph: 202 now, in the inbox a little later
      return void (await on.graph(
        'POST',
        '/me/sendMail',
        { message: { subject: 'Convergence', body: { contentType: 'Text', content: 'Hello' }, toRecipients: [{ emailAddress: { address: upn } }] } },
        'bob@contoso.test',
      ));
    case 'expireTokens':
      return void stack.sim.state.expireDeltaTokens(upn);
    case 'partialItems':
      return stack.sim.state.setFlags({ partialUpdates: change.on });
  }
  const ids = stack.sim.state.mailbox(upn)!.messages(change.kind === 'moveIn' ? other : target).map((m) => String(m.id));
  if (ids.length === 0) return;
  const path = messagePath(ids[change.pick % ids.length]!);
  switch (change.kind) {
    case 'read':
      return void (await on.graph('PATCH', path, { isRead: change.isRead }));
    case 'flag':
      return void (await on.graph('PATCH', path, { flag: { flagStatus: change.status } }));
    case 'categorize':
      return void (await on.graph('PATCH', path, { categories: change.categories }));
    case 'moveOut':
      return void (await on.graph('POST', `${path}/move`, { destinationId: other }));
    case 'moveIn':
      return void (await on.graph('POST', `${path}/move`, { destinationId: target }));
    case 'delete':
      return void (await on.graph('DELETE', path));
    case 'moveOutAndBack':
      await on.graph('POST', `${path}/move`, { destinationId: other });
      return void (await on.graph('POST', `${path}/move`, { destinationId: target }));
  }
}

/**
 * The folder as Graph has it now, in the device's form for its body preference: the expected copy.
 * Asked with immutable ids, as Ferry asks (without the header Graph answers REST ids).
 */
export async function expectedFolderCopy(stack: Stack, upn: string, folderId: string, body: BodyPreference): Promise<Map<string, Message>> {
  const prefer = { Prefer: ['IdType="ImmutableId"', ...(body.type === 'none' ? [] : [`outlook.body-content-type="${body.type}"`])].join(', ') };
  const response = await fetch(`${stack.sim.url}/v1.0/me/mailFolders/${encodeURIComponent(folderId)}/messages?$top=1000`, {
    headers: { authorization: `Bearer ${await stack.graphToken(upn)}`, ...prefer },
  });
  const { value } = (await response.json()) as { value: Record<string, unknown>[] };
  return new Map(value.map((m) => [String(m.id), toDeviceMessage(m, { body })]));
}
