import { createDemoMailboxes } from '../../../dev/graphSim/resources/mail/demoMailboxes';
import { createMailbox } from '../../../dev/graphSim/resources/mail/createMailbox';
import { isWellFormedGraphId } from '../../../dev/graphSim/core/graphIds';
import { toGraphMessage } from '../../../dev/graphSim/resources/mail/messages/toGraphMessage';

const anchorInMs = Date.UTC(2026, 4, 1);

describe('createMailbox', () => {
  it('is deterministic: same seed and options give the same ids and content', () => {
    const a = createMailbox({ seed: 7, messageCount: 30, anchorInMs });
    const b = createMailbox({ seed: 7, messageCount: 30, anchorInMs });
    expect([...a.messages.values()].map((m) => toGraphMessage(m))).toEqual([...b.messages.values()].map((m) => toGraphMessage(m)));
    expect([...a.folders.keys()]).toEqual([...b.folders.keys()]);
    const c = createMailbox({ seed: 8, messageCount: 30, anchorInMs });
    expect([...c.messages.keys()]).not.toEqual([...a.messages.keys()]);
  });

  it('has the well-known folders, a hidden one, and folderCount user folders (nested)', () => {
    const store = createMailbox({ seed: 1, messageCount: 5, folderCount: 3, anchorInMs });
    for (const name of ['inbox', 'drafts', 'sentitems', 'deleteditems', 'junkemail', 'archive', 'outbox', 'msgfolderroot']) {
      expect(store.resolveFolder(name)).toBeDefined();
    }
    expect([...store.folders.values()].some((f) => f.isHidden)).toBe(true);
    const inbox = store.wellKnown('inbox')!;
    const projects = store.childFolders(inbox.id).find((f) => f.displayName === 'Projects')!;
    expect(store.childFolders(projects.id).map((f) => f.displayName)).toEqual(['2026']);
    expect(createMailbox({ withArchive: false, anchorInMs }).wellKnown('archive')).toBeUndefined();
  });

  it('makes opaque, URL-safe, kind-prefixed ids that stay distinct', () => {
    const store = createMailbox({ seed: 3, messageCount: 200, anchorInMs });
    const messageIds = [...store.messages.keys()];
    const folderIds = [...store.folders.keys()];
    const attachmentIds = [...store.messages.values()].flatMap((m) => m.attachments.map((a) => a.id));
    for (const id of [...messageIds, ...folderIds, ...attachmentIds]) {
      expect(id).toMatch(/^[A-Za-z0-9_=-]+$/);
      expect(id.length).toBeGreaterThanOrEqual(100);
      expect(id.length).toBeLessThanOrEqual(160);
      expect(isWellFormedGraphId(id)).toBe(true);
    }
    expect(new Set(messageIds).size).toBe(messageIds.length);
    const prefix = (ids: string[]) => new Set(ids.map((id) => id.slice(0, 36)));
    expect(prefix(messageIds).size).toBe(1);
    expect([...prefix(folderIds)][0]).not.toBe([...prefix(messageIds)][0]);
    expect(attachmentIds.length).toBeGreaterThan(0);
  });

  it('gives alice a realistic 500+ message mailbox across 6+ folders, and bob a small one', () => {
    const mailboxes = createDemoMailboxes({ seed: 1, now: () => anchorInMs, anchorInMs });
    const alice = mailboxes.get('a11ce000-0000-4000-8000-0000000a11ce')!;
    const messages = [...alice.messages.values()];
    expect(messages.length).toBeGreaterThanOrEqual(500);
    expect(new Set(messages.map((m) => m.folderId)).size).toBeGreaterThanOrEqual(6);
    expect(mailboxes.get('b0b00000-0000-4000-8000-000000000b0b')!.messages.size).toBe(60);
    const text = messages.map((m) => `${m.subject}\n${m.body.content}`).join('\n');
    expect(text).toMatch(/[\u{1F300}-\u{1FAFF}]/u); // emoji outside the BMP
    expect(text).toMatch(/\u0301/); // combining acute accent
    expect(text).toMatch(/&amp;/); // entity in HTML bodies
    expect(messages.some((m) => m.body.contentType === 'text')).toBe(true);
    expect(messages.some((m) => m.attachments.some((a) => a.isInline))).toBe(true);
    expect(messages.some((m) => m.categories.length > 0)).toBe(true);
    expect(messages.some((m) => m.flag.flagStatus === 'flagged')).toBe(true);
    expect(messages.some((m) => m.importance === 'high')).toBe(true);
    expect(messages.some((m) => !m.isRead)).toBe(true);
    expect(messages.some((m) => m.ccRecipients.length > 0)).toBe(true);
    expect(messages.some((m) => m.from?.emailAddress.address.endsWith('.example'))).toBe(true);
    const conversations = new Map<string, number>();
    for (const m of messages) conversations.set(m.conversationId, (conversations.get(m.conversationId) ?? 0) + 1);
    expect(Math.max(...conversations.values())).toBeGreaterThan(1);
    const times = messages.map((m) => Date.parse(m.receivedDateTime));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(90 * 86_400_000);
  });
});
