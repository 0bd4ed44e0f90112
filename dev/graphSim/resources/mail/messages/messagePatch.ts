import { GraphError, graphErrors } from '../../../core/graphError';
import type { ItemBody, Recipient } from '../../../core/graphTypes';
import type { FlagStatus, FollowupFlag, Importance, MessageFields } from '../mailboxTypes';
import { messageProperties } from './toGraphMessage';

/**
 * Validates a message PATCH body into field changes, with Graph's errors: a wrong JSON type is
 * RequestBodyRead, an unknown property too, content of a sent message is
 * ErrorInvalidPropertyUpdateSentMessage. UNVERIFIED: known read-only properties are ignored silently.
 */
const literal = (value: unknown, type: string) =>
  graphErrors.bodyRead(`Cannot convert the literal '${typeof value === 'object' ? JSON.stringify(value) : String(value)}' to the expected type '${type}'.`);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], type: string): T {
  const match = typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (!match) throw graphErrors.bodyRead(`Requested value '${String(value)}' was not found.` + (typeof value === 'string' ? '' : ` (${type})`));
  return match;
}

function toFlag(value: unknown): FollowupFlag {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw literal(value, 'microsoft.graph.followupFlag');
  const input = value as Record<string, unknown>;
  const flag: FollowupFlag = { flagStatus: oneOf<FlagStatus>(input.flagStatus ?? 'notFlagged', ['notFlagged', 'flagged', 'complete'], 'microsoft.graph.followupFlagStatus') };
  for (const key of ['startDateTime', 'dueDateTime', 'completedDateTime'] as const) {
    const date = input[key] as { dateTime?: unknown; timeZone?: unknown } | undefined | null;
    if (date === undefined || date === null) continue;
    if (typeof date.dateTime !== 'string' || Number.isNaN(Date.parse(date.dateTime))) throw literal(date, 'microsoft.graph.dateTimeTimeZone');
    flag[key] = { dateTime: date.dateTime, timeZone: typeof date.timeZone === 'string' ? date.timeZone : 'UTC' };
  }
  return flag;
}

export function toRecipients(value: unknown, property: string): Recipient[] {
  if (!Array.isArray(value)) throw literal(value, 'Collection(microsoft.graph.recipient)');
  return value.map((entry) => {
    const address = (entry as { emailAddress?: { address?: unknown; name?: unknown } })?.emailAddress;
    if (!address || typeof address.address !== 'string' || !address.address.includes('@')) {
      throw new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient isn't valid (${property}).`);
    }
    return { emailAddress: { name: typeof address.name === 'string' ? address.name : address.address, address: address.address } };
  });
}

export function toBody(value: unknown): ItemBody {
  const body = value as { contentType?: unknown; content?: unknown } | null;
  if (!body || typeof body !== 'object' || typeof body.content !== 'string') throw literal(value, 'microsoft.graph.itemBody');
  return { contentType: oneOf(body.contentType ?? 'text', ['text', 'html'] as const, 'microsoft.graph.bodyType'), content: body.content };
}

const draftOnly = ['subject', 'body', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'from', 'sender'];

export function toMessageChanges(input: Record<string, unknown>, isDraft: boolean): Partial<MessageFields> {
  const changes: Partial<MessageFields> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('@odata.')) continue;
    if (draftOnly.includes(key) && !isDraft) {
      throw new GraphError(400, 'ErrorInvalidPropertyUpdateSentMessage', 'Update operation failed because one or more properties can\'t be updated for sent messages.');
    }
    switch (key) {
      case 'isRead':
        if (typeof value !== 'boolean') throw literal(value, 'Edm.Boolean');
        changes.isRead = value;
        break;
      case 'flag':
        changes.flag = toFlag(value);
        break;
      case 'categories':
        if (!Array.isArray(value) || value.some((c) => typeof c !== 'string')) throw literal(value, 'Collection(Edm.String)');
        changes.categories = [...(value as string[])];
        break;
      case 'importance':
        changes.importance = oneOf<Importance>(value, ['low', 'normal', 'high'], 'microsoft.graph.importance');
        break;
      case 'inferenceClassification':
        changes.inferenceClassification = oneOf(value, ['focused', 'other'] as const, 'microsoft.graph.inferenceClassificationType');
        break;
      case 'subject':
        if (typeof value !== 'string') throw literal(value, 'Edm.String');
        changes.subject = value;
        break;
      case 'body':
        changes.body = toBody(value);
        break;
      case 'toRecipients':
      case 'ccRecipients':
      case 'bccRecipients':
      case 'replyTo':
        changes[key] = toRecipients(value, key);
        break;
      default:
        if ((messageProperties as readonly string[]).includes(key)) break;
        throw graphErrors.bodyRead(`The property '${key}' does not exist on type 'microsoft.graph.message'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
  }
  return changes;
}
