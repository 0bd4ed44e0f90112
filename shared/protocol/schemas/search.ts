import { z } from 'zod';
import { ferryKind } from './ferryKind';
import { graphFolderId } from './common';
import { addressSchema, messageSchema } from './mail';

/** A search value as the device types it: plain text, never KQL or OData (Ferry writes the query). */
const searchText = (description: string) =>
  z.string().max(256).optional().meta({ description: `${description} Plain text, at most 256 characters; \`"\`, \`\\\`, \`*\` and control characters are ignored.` });

export const searchCursor = z
  .string()
  .min(1)
  .meta({ description: 'Opaque cursor from the previous answer of the same search. Never parse or store anything else about it.', ...ferryKind('cursor') });

export const mailSearchRequest = z
  .strictObject({
    text: searchText('Words to find in the sender, subject or body (every word must occur).'),
    from: searchText('The sender: name or address.'),
    to: searchText('A To recipient: name or address.'),
    subject: searchText('Words of the subject, in order.'),
    hasAttachments: z.boolean().optional().meta({ description: 'true: only mail with file attachments.' }),
    receivedAfter: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only mail received at or after this instant.' }),
    receivedBefore: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only mail received before this instant.' }),
    folderId: graphFolderId.optional().meta({ description: 'Search this folder only (not its subfolders). Absent: the whole mailbox.' }),
    limit: z.number().int().min(1).max(50).optional().meta({ description: 'Most messages in one answer. Default 25.' }),
    cursor: searchCursor.optional(),
  })
  .meta({ id: 'MailSearchRequest', description: 'At least one of text, from, to, subject, hasAttachments, receivedAfter, receivedBefore.' });

export const searchMessageSchema = messageSchema
  .omit({ body: true })
  .extend({ folderId: graphFolderId })
  .meta({ id: 'SearchMessage', description: 'A message found by `mail/search`, with its folder and without a body.' });
export type SearchMessage = z.infer<typeof searchMessageSchema>;

export const mailSearchResponse = z
  .object({
    messages: z.array(searchMessageSchema).meta({ description: 'By sent time, as Graph orders search results (newest first).' }),
    cursor: z.string().optional().meta({ description: 'Absent: no more results. Present: send it with the same search for the next answer.', ...ferryKind('cursor') }),
  })
  .meta({ id: 'MailSearchResponse' });

export const peopleSearchRequest = z
  .strictObject({
    text: z.string().min(1).max(64).meta({ description: 'What the user typed: the start of a name or address.' }),
    limit: z.number().int().min(1).max(25).optional().meta({ description: 'Most people in the answer. Default 10.' }),
  })
  .meta({ id: 'PeopleSearchRequest' });

export const peopleSearchResponse = z
  .object({ people: z.array(addressSchema).meta({ description: "One entry per address, in Graph's ranking (people the user works with most first)." }) })
  .meta({ id: 'PeopleSearchResponse' });
