import type { MailDraftRequest } from '../../protocol/schemas/drafts';

/** Pure translations of a device's draft fields into Graph's message properties. */

type Recipient = { name?: string; address: string };
export type GraphRecipient = { emailAddress: { name?: string; address: string } };

export function toGraphRecipients(recipients: readonly Recipient[]): GraphRecipient[] {
  return recipients.map(({ name, address }) => ({ emailAddress: name === undefined ? { address } : { name, address } }));
}

type ContentFields = Pick<MailDraftRequest, 'to' | 'cc' | 'bcc' | 'subject' | 'body' | 'importance'>;

/** The Graph properties of the fields given (absent fields are left out, so a PATCH leaves them). */
export function toGraphContent(fields: ContentFields): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  if (fields.to !== undefined) message.toRecipients = toGraphRecipients(fields.to);
  if (fields.cc !== undefined) message.ccRecipients = toGraphRecipients(fields.cc);
  if (fields.bcc !== undefined) message.bccRecipients = toGraphRecipients(fields.bcc);
  if (fields.subject !== undefined) message.subject = fields.subject;
  if (fields.body !== undefined) message.body = { contentType: fields.body.type, content: fields.body.content };
  if (fields.importance !== undefined) message.importance = fields.importance;
  return message;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A response draft's body with the device's comment above Graph's quote (Graph leaves `comment` out of
 * createReply* drafts, a documented known issue). HTML: escaped, line breaks as `<br>`, then `<br>`,
 * right after the opening `<body...>` tag (at the start when there is none). Text: the comment and a
 * line break before the content.
 */
export function spliceComment(body: { contentType: 'text' | 'html'; content: string }, comment: string): { contentType: 'text' | 'html'; content: string } {
  if (body.contentType === 'text') return { contentType: 'text', content: `${comment}\r\n${body.content}` };
  const html = `${escapeHtml(comment).replace(/\r?\n/g, '<br>')}<br>`;
  const bodyTag = /<body\b[^>]*>/i.exec(body.content);
  const at = bodyTag ? bodyTag.index + bodyTag[0].length : 0;
  return { contentType: 'html', content: `${body.content.slice(0, at)}${html}${body.content.slice(at)}` };
}

const sameAddress = (a: GraphRecipient, address: string) => a.emailAddress.address.toLowerCase() === address.toLowerCase();

/** A reply-all's recipients without the user (Ferry never lets reply-all add the user, whatever Graph did). */
export function withoutAddress(recipients: readonly GraphRecipient[] | undefined, address: string | undefined): GraphRecipient[] | undefined {
  if (recipients === undefined || address === undefined) return undefined;
  const kept = recipients.filter((r) => !sameAddress(r, address));
  return kept.length === recipients.length ? undefined : kept;
}
