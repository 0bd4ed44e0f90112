import { createDemoMailboxes, type MailboxSpec } from '../resources/mail/demoMailboxes';
import { findUser } from '../../directory';
import { GraphError } from './graphError';
import type { FailureInjector, InjectedFailure } from './mailboxGate';
import type { MailboxOwner, MailboxStore } from '../resources/mail/mailboxStore';
import { toGraphTimestamp, type Recipient } from '../resources/mail/mailboxTypes';
import type { GraphSimFlags, SimServices } from './simContext';
import type { GraphSimStats } from './simStats';
import { toGraphAttachment } from '../resources/mail/messages/toGraphAttachment';
import { toGraphFolder } from '../resources/mail/folders/toGraphFolder';
import { toGraphMessage } from '../resources/mail/messages/toGraphMessage';

/** A read-only look into one mailbox, as Graph JSON (fresh copies: changing them changes nothing). */
export interface MailboxView {
  owner: MailboxOwner;
  /** Every folder below msgfolderroot, parents first; hidden ones too when asked. */
  folders(options?: { includeHidden?: boolean }): Record<string, unknown>[];
  /** By id or well-known name. */
  folder(idOrName: string): Record<string, unknown> | undefined;
  /** Messages of one folder (id or well-known name), or of the whole mailbox. */
  messages(folder?: string): Record<string, unknown>[];
  message(id: string): Record<string, unknown> | undefined;
  attachments(messageId: string): Record<string, unknown>[];
}

/** A message arriving from outside (another client, a transport rule): what `simulateArrival` takes. */
export interface ArrivalInput {
  /** Folder id or well-known name. Default inbox. */
  folder?: string;
  subject?: string;
  from?: Recipient['emailAddress'];
  bodyText?: string;
  isRead?: boolean;
}

/** The test handle: counts, inspection, token expiry, flags, injected failures, outside changes. */
export interface GraphSimState {
  readonly stats: GraphSimStats;
  resetStats(): void;
  mailbox(oidOrUpn: string): MailboxView | undefined;
  /** Makes every delta token of `oid` (or everyone's) gone: the next use answers 410. Returns how many. */
  expireDeltaTokens(oid?: string): number;
  readonly flags: Readonly<GraphSimFlags>;
  setFlags(flags: Partial<GraphSimFlags>): void;
  /** The next `count` matching requests fail with `status` (429/503/504) and `retryAfter`. */
  throttleNext(failure: InjectedFailure): void;
  /** Resolves when every sendMail accepted so far has been delivered. */
  deliveriesSettled(): Promise<void>;
  /** A new message appears in a folder as if delivered or filed by another client; returns its id. */
  simulateArrival(oidOrUpn: string, input?: ArrivalInput): string;
  /** Hides or shows a folder as another client (MAPI) could; Graph only sets isHidden at creation. */
  setFolderHidden(oidOrUpn: string, folder: string, isHidden: boolean): void;
  /** Gives a user a freshly generated mailbox (new ids), e.g. one small mailbox per property-test run. */
  replaceMailbox(spec: MailboxSpec): void;
}

export function createSimulatorState(sim: SimServices, injector: FailureInjector, settled: () => Promise<void>): GraphSimState {
  const storeOf = (oidOrUpn: string): MailboxStore | undefined => sim.mailboxes.get(findUser(oidOrUpn)?.oid ?? oidOrUpn.toLowerCase());
  const requireStore = (oidOrUpn: string): MailboxStore => {
    const store = storeOf(oidOrUpn);
    if (!store) throw new RangeError(`graphSim: no mailbox for '${oidOrUpn}'`);
    return store;
  };
  const requireFolder = (store: MailboxStore, idOrName: string) => {
    const folder = store.resolveFolder(idOrName);
    if (!folder) throw new RangeError(`graphSim: no folder '${idOrName}'`);
    return folder;
  };
  return {
    get stats() {
      return sim.stats.snapshot();
    },
    resetStats: () => sim.stats.reset(),
    mailbox: (oidOrUpn) => {
      const store = storeOf(oidOrUpn);
      return store && viewOf(store);
    },
    expireDeltaTokens: (oid) => sim.tokens.expire(oid === undefined ? undefined : findUser(oid)?.oid ?? oid),
    get flags() {
      return { ...sim.flags };
    },
    setFlags: (flags) => Object.assign(sim.flags, flags),
    replaceMailbox: (spec) => {
      for (const [oid, store] of createDemoMailboxes({ seed: spec.seed ?? 1, specs: [spec], now: () => sim.clock.now() })) {
        sim.mailboxes.set(oid, store);
        sim.tokens.expire(oid);
      }
    },
    throttleNext: (failure) => injector.add({ ...failure, oid: failure.oid === undefined ? undefined : findUser(failure.oid)?.oid ?? failure.oid }),
    deliveriesSettled: settled,
    simulateArrival: (oidOrUpn, input = {}) => {
      const store = requireStore(oidOrUpn);
      const folder = requireFolder(store, input.folder ?? 'inbox');
      const now = toGraphTimestamp(sim.clock.now());
      const from: Recipient = { emailAddress: input.from ?? { name: 'Dana Swope', address: 'danas@fabrikam.test' } };
      const me: Recipient = { emailAddress: { name: store.owner.displayName, address: store.owner.upn } };
      return store.insertMessage(folder.id, {
        createdDateTime: now, lastModifiedDateTime: now, changeKey: store.ids.changeKey(), categories: [], receivedDateTime: now, sentDateTime: now,
        internetMessageId: store.ids.internetMessageId('fabrikam.test'), subject: input.subject ?? 'Simulated arrival',
        body: { contentType: 'text', content: input.bodyText ?? 'Hello from the Graph simulator.' }, importance: 'normal',
        conversationId: store.ids.next('conversation'), conversationIndex: store.ids.conversationIndex(), isRead: input.isRead ?? false,
        isDraft: false, isDeliveryReceiptRequested: false, isReadReceiptRequested: false, inferenceClassification: 'focused',
        from, sender: from, toRecipients: [me], ccRecipients: [], bccRecipients: [], replyTo: [], flag: { flagStatus: 'notFlagged' },
      }).id;
    },
    setFolderHidden: (oidOrUpn, folderIdOrName, isHidden) => {
      const store = requireStore(oidOrUpn);
      const folder = requireFolder(store, folderIdOrName);
      if (folder.wellKnownName === 'msgfolderroot') throw new GraphError(400, 'ErrorInvalidRequest', 'The root cannot be hidden.');
      store.setFolderHidden(folder, isHidden);
    },
  };
}

function viewOf(store: MailboxStore): MailboxView {
  const all = (includeHidden: boolean) => {
    const out: Record<string, unknown>[] = [];
    const walk = (parentId: string): void => {
      for (const child of store.childFolders(parentId, includeHidden)) {
        out.push(toGraphFolder(store, child));
        walk(child.id);
      }
    };
    walk(store.rootId);
    return out;
  };
  return {
    owner: { ...store.owner },
    folders: (options) => all(options?.includeHidden ?? false),
    folder: (idOrName) => {
      const folder = store.resolveFolder(idOrName);
      return folder && toGraphFolder(store, folder);
    },
    messages: (folder) => {
      const source = folder === undefined ? store.allMessages() : store.resolveFolder(folder) ? store.messagesIn(store.resolveFolder(folder)!.id) : [];
      return source.map((m) => toGraphMessage(m));
    },
    message: (id) => {
      const message = store.messages.get(id);
      return message && toGraphMessage(message);
    },
    attachments: (id) => store.messages.get(id)?.attachments.map((a) => toGraphAttachment(a, ['id', 'name', 'contentType', 'size', 'isInline', 'contentId', 'lastModifiedDateTime'])) ?? [],
  };
}
