import { createHash } from 'node:crypto';
import type { Random } from './random';

/**
 * Opaque ids shaped like Exchange's REST immutable ids: URL-safe base64 (`[A-Za-z0-9_=-]`), about 120
 * to 150 characters, one fixed prefix per kind and a per-mailbox tag, so an id from another mailbox is
 * recognisably well formed but never found. Real ids end in `=` often, which makes clients URL-encode
 * them in paths (`%3D`): ours do too.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const prefixes = {
  message: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A',
  folder: 'AQMkADAwATM0MDAAMS1iNWRhLTdmYjItMDACLTAwCgAuAAAD',
  attachment: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0BEgAQA',
  conversation: 'AAQkAGI2TG93AAQ',
  /** A single event or a series master; an occurrence's id is its master's plus its original start (calendarStore.ts). */
  event: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0CAAA',
  contact: 'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAi',
} as const;

export type GraphIdKind = keyof typeof prefixes;

/**
 * The start of Exchange's REST ids (the default form, without `Prefer: IdType="ImmutableId"`), as in
 * the docs' samples (`AAMkAGI2...`, test/fixtures/graph-samples/message-get.json).
 */
export const restIdPrefix = 'AAMkA';

function digest(parts: string[], length: number): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, length);
}

/**
 * An item's REST id: derived from its immutable id AND its container (a message's folder, an
 * attachment's message REST id), so it changes when the item moves, as Exchange's entry-id based ids
 * do (https://learn.microsoft.com/graph/outlook-immutable-id). Deterministic, so the simulator can map
 * one back by computing the current form; the mailbox tag keeps foreign ids recognisable.
 * UNVERIFIED: the inner layout of real REST ids; only the prefix and the move behaviour are modelled.
 */
export function restIdOf(kind: 'message' | 'attachment', immutableId: string, containerId: string, mailboxTag: string): string {
  if (kind === 'attachment') return `${containerId.slice(0, -4)}BEgAQA${digest([immutableId], 24)}AAA=`;
  return `${restIdPrefix}${idTagOf(mailboxTag)}BGAAAAAA${digest([immutableId, containerId], 64)}AAA=`;
}

/** Ids a client may send: URL-safe base64 characters only, and long enough to be an Exchange id. */
const wellFormed = /^[A-Za-z0-9_=-]{16,512}$/;

export function isWellFormedGraphId(id: string): boolean {
  return wellFormed.test(id);
}

export interface IdFactory {
  next(kind: GraphIdKind): string;
  /** A change key: changes on every write, shaped like `CQAAABYAAAC4ofQHEIqCSbQPot83AFcbAAAnjjuZ`. */
  changeKey(): string;
  internetMessageId(domain: string): string;
  /** base64 conversationIndex (22 bytes for a thread's first message). */
  conversationIndex(): string;
}

/** The per-mailbox part of every id a mailbox issues (its owner's oid, encoded). */
export function idTagOf(mailboxTag: string): string {
  return Buffer.from(mailboxTag).toString('base64url').slice(0, 24);
}

export function createIdFactory(random: Random, mailboxTag: string): IdFactory {
  const issued = new Set<string>();
  const tag = idTagOf(mailboxTag);
  return {
    next(kind) {
      for (;;) {
        const length = kind === 'conversation' ? 24 : random.between(56, 80);
        const id = `${prefixes[kind]}${tag}${random.chars(length, alphabet)}AAA=`;
        if (!issued.has(id)) {
          issued.add(id);
          return id;
        }
      }
    },
    changeKey: () => `CQAAABYAAAC${random.chars(29, alphabet.slice(0, 62))}`,
    internetMessageId: (domain) => `<${random.chars(20, alphabet.slice(0, 62))}@${domain}>`,
    conversationIndex: () => Buffer.from(random.chars(22, alphabet)).toString('base64'),
  };
}
