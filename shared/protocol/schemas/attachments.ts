import { z } from 'zod';
import { graphId } from './common';
import { ferryKind } from './ferryKind';

/** The query of `GET mail/attachment`: which attachment of which message. */
export const mailAttachmentQuery = z
  .strictObject({
    message: graphId.meta({ description: 'The message id (as mail/sync and mail/get give it).', ...ferryKind('id') }),
    attachment: graphId.meta({ description: "The attachment id (mail/get's `attachments[].id`).", ...ferryKind('id') }),
  })
  .meta({ id: 'MailAttachmentQuery' });

/** The request headers `GET mail/attachment` reads; an odd value is ignored as RFC 9110 says, never 400. */
export const mailAttachmentHeaders = z.object({
  range: z.string().optional().meta({
    description:
      'One range `bytes=a-b` or `bytes=a-` gives 206; anything else (suffix, several ranges, another unit, a malformed value) is ignored: 200 and the whole file.',
  }),
  'if-range': z.string().optional().meta({ description: 'Ferry sends no validators, so a request with If-Range always gets the whole file (RFC 9110 §13.1.5).' }),
});
