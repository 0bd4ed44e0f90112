import { composeBody, type PriorMessage } from '../../core/corpus/composeBody';
import { attachmentSpecs, categoriesPool, colleagues, externals, newsletterSubjects, topics } from '../../core/corpus/demoVocabulary';
import type { MailboxStore } from './mailboxStore';
import { toGraphTimestamp, type AttachmentRecord, type Recipient } from '../../core/graphTypes';
import { type FollowupFlag, type MessageFields } from './mailboxTypes';
import type { Random } from '../../core/random';

export type MessageKind = 'received' | 'sent' | 'draft' | 'junk' | 'newsletter';

export interface Thread {
  subject: string;
  conversationId: string;
  people: Recipient[];
  /** The thread's latest message, which a reply quotes. */
  last?: PriorMessage;
}

export interface GenerateMessageInput {
  kind: MessageKind;
  me: Recipient;
  /** Threads so far; a message may reply in one (and the list grows). */
  threads: Thread[];
  receivedInMs: number;
  isRecent: boolean;
}

const person = (random: Random, pool = colleagues): Recipient => ({ emailAddress: { ...random.pick(pool) } });

/** One generated message: Graph's fields plus attachment metadata. */
export function generateMessage(random: Random, store: MailboxStore, input: GenerateMessageInput): { fields: MessageFields; attachments: AttachmentRecord[] } {
  const { kind, me } = input;
  const outgoing = kind === 'sent' || kind === 'draft';
  const other = kind === 'newsletter' || kind === 'junk' ? person(random, externals) : person(random, random.chance(0.7) ? colleagues : externals);
  const { thread, isReply } = pickThread(random, store, input, other);
  const from = outgoing ? me : thread.people[0] ?? other;
  const to = outgoing ? [other, ...(random.chance(0.3) ? [person(random)] : [])] : [me, ...(random.chance(0.2) ? [person(random)] : [])];
  const subject = isReply ? `${random.pick(['RE: ', 'Re: ', 'FW: '])}${thread.subject}` : thread.subject;
  const attachments = random.chance(0.15) ? makeAttachments(random, store, input.receivedInMs) : [];
  const internal = from.emailAddress.address.endsWith('@contoso.test');
  const inline = attachments.find((a) => a.isInline);
  const { body, text } = composeBody(random, { kind, from, to, subject, prior: isReply ? thread.last : undefined, inline, internal });
  if (kind !== 'newsletter' && kind !== 'junk') thread.last = { text, from, to, atInMs: input.receivedInMs, subject };
  const received = toGraphTimestamp(input.receivedInMs);
  const flag: FollowupFlag = random.chance(0.08) ? { flagStatus: 'flagged' } : random.chance(0.03) ? { flagStatus: 'complete' } : { flagStatus: 'notFlagged' };
  const domain = (from.emailAddress.address.split('@')[1] ?? 'contoso.test').toLowerCase();
  const fields: MessageFields = {
    createdDateTime: received,
    lastModifiedDateTime: toGraphTimestamp(input.receivedInMs + (random.chance(0.2) ? random.between(60, 86_400) * 1000 : 1000)),
    changeKey: store.ids.changeKey(),
    categories: random.chance(0.15) ? random.shuffle(categoriesPool).slice(0, random.between(1, 2)) : [],
    receivedDateTime: received,
    sentDateTime: toGraphTimestamp(input.receivedInMs - random.between(1, 120) * 1000),
    internetMessageId: store.ids.internetMessageId(domain),
    subject,
    body,
    importance: random.chance(0.07) ? 'high' : random.chance(0.04) ? 'low' : 'normal',
    conversationId: thread.conversationId,
    conversationIndex: store.ids.conversationIndex(),
    isRead: outgoing || (input.isRecent ? random.chance(0.55) : random.chance(0.93)),
    isDraft: kind === 'draft',
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: random.chance(0.03),
    inferenceClassification: kind === 'newsletter' || kind === 'junk' ? 'other' : 'focused',
    from,
    sender: from,
    toRecipients: to,
    ccRecipients: random.chance(0.25) ? [person(random)] : [],
    bccRecipients: outgoing && random.chance(0.1) ? [person(random)] : [],
    replyTo: kind === 'newsletter' && random.chance(0.5) ? [{ emailAddress: { name: 'Support', address: `support@${domain}` } }] : [],
    flag,
  };
  return { fields, attachments };
}

function pickThread(random: Random, store: MailboxStore, input: GenerateMessageInput, other: Recipient): { thread: Thread; isReply: boolean } {
  if (input.kind !== 'newsletter' && input.kind !== 'junk' && input.threads.length > 0 && random.chance(0.3)) {
    const thread = random.pick(input.threads.slice(-20));
    if (!thread.people.some((p) => p.emailAddress.address === other.emailAddress.address)) thread.people.push(other);
    return { thread, isReply: true };
  }
  const subject = input.kind === 'newsletter' || input.kind === 'junk' ? random.pick(newsletterSubjects) : random.pick(topics);
  const thread: Thread = { subject, conversationId: store.ids.next('conversation'), people: [other] };
  input.threads.push(thread);
  return { thread, isReply: false };
}

function makeAttachments(random: Random, store: MailboxStore, atInMs: number): AttachmentRecord[] {
  return random.shuffle(attachmentSpecs)
    .slice(0, random.between(1, 3))
    .map((spec) => ({
      id: store.ids.next('attachment'),
      name: spec.name,
      contentType: spec.contentType,
      size: random.between(spec.minSize, spec.maxSize),
      isInline: spec.isInline ?? false,
      contentId: spec.isInline ? `${spec.name}@01DB${random.chars(8, '0123456789ABCDEF')}.${random.chars(8, '0123456789ABCDEF')}` : null,
      lastModifiedDateTime: toGraphTimestamp(atInMs),
    }));
}
