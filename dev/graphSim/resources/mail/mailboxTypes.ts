/**
 * The simulator's own records for folders, messages and attachments: Graph's property names and JSON
 * types, plus the sequence numbers the delta engine compares with a token's position.
 */
export interface EmailAddress {
  name: string;
  address: string;
}

export interface Recipient {
  emailAddress: EmailAddress;
}

export type Importance = 'low' | 'normal' | 'high';
export type FlagStatus = 'notFlagged' | 'flagged' | 'complete';

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface FollowupFlag {
  flagStatus: FlagStatus;
  startDateTime?: DateTimeTimeZone;
  dueDateTime?: DateTimeTimeZone;
  completedDateTime?: DateTimeTimeZone;
}

export interface ItemBody {
  contentType: 'text' | 'html';
  content: string;
}

/**
 * Well-known folder names (https://learn.microsoft.com/graph/api/resources/mailfolder#well-known-folder-names)
 * that the generated mailboxes have.
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
}

export interface AttachmentRecord {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId: string | null;
  lastModifiedDateTime: string;
  /** base64 content when the attachment came with a sendMail; generated on demand otherwise. */
  contentBytes?: string;
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

export interface MessageRecord extends MessageFields {
  id: string;
  folderId: string;
  attachments: AttachmentRecord[];
  /** Sequence of the last write of any kind (a move included). */
  changeSeq: number;
  /** Sequence of the last write that was not a move: the immutable-id move miss compares with it. */
  contentSeq: number;
  /** Last write per Graph property name, for partial delta updates ("at least the changed properties"). */
  propSeq: Record<string, number>;
}

/** Graph renders timestamps with seconds precision and a `Z`. */
export function toGraphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
