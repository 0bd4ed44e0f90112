import type { ExtendedProperty } from '../../core/extendedProperties';
import type { AttachmentRecord, DateTimeTimeZone, ItemBody, Recipient } from '../../core/graphTypes';

/**
 * The simulator's own records for folders and messages: Graph's property names and JSON
 * types, plus the sequence numbers the delta engine compares with a token's position.
 */

export type Importance = 'low' | 'normal' | 'high';
export type FlagStatus = 'notFlagged' | 'flagged' | 'complete';

export interface FollowupFlag {
  flagStatus: FlagStatus;
  startDateTime?: DateTimeTimeZone;
  dueDateTime?: DateTimeTimeZone;
  completedDateTime?: DateTimeTimeZone;
}

/**
 * Well-known folder names (https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names)
 * that the generated mailboxes have (Recoverable Items\Deletions outside msgfolderroot).
 */
export const wellKnownNames = [
  'msgfolderroot',
  'inbox',
  'drafts',
  'sentitems',
  'deleteditems',
  'junkemail',
  'archive',
  'outbox',
  'conversationhistory',
  'recoverableitemsdeletions',
] as const;
export type WellKnownName = (typeof wellKnownNames)[number];

export interface FolderRecord {
  id: string;
  displayName: string;
  parentFolderId: string;
  isHidden: boolean;
  wellKnownName?: WellKnownName;
  /** Sequence of the last change a folder delta reports: create, rename, move, counts. */
  changeSeq: number;
  /** Sequence of the last change to the folder's own properties (create, rename, move, hide), counts aside. */
  propertySeq: number;
}

/** The message properties a record keeps (Graph names); computed ones (bodyPreview, webLink...) are derived. */
export interface MessageFields {
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  categories: string[];
  receivedDateTime: string;
  sentDateTime: string;
  internetMessageId: string;
  subject: string;
  body: ItemBody;
  importance: Importance;
  conversationId: string;
  conversationIndex: string;
  isRead: boolean;
  isDraft: boolean;
  isDeliveryReceiptRequested: boolean;
  isReadReceiptRequested: boolean;
  inferenceClassification: 'focused' | 'other';
  from: Recipient | null;
  sender: Recipient | null;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  replyTo: Recipient[];
  flag: FollowupFlag;
}

export type { ExtendedProperty };

export interface MessageRecord extends MessageFields {
  id: string;
  /** A reply's or forward's original (its internetMessageId): the In-Reply-To a delivered copy threads by. */
  inReplyTo?: string;
  /** singleValueExtendedProperties written by clients; absent until one is. */
  extendedProperties?: ExtendedProperty[];
  folderId: string;
  attachments: AttachmentRecord[];
  /** Sequence of the last write of any kind (a move included). */
  changeSeq: number;
  /** Sequence of the last write that was not a move: the immutable-id move miss compares with it. */
  contentSeq: number;
  /** Last write per Graph property name, for partial delta updates ("at least the changed properties"). */
  propSeq: Record<string, number>;
}

