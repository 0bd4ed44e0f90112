import type { GraphRequest } from '../graphRequest';
import { buildRequest } from '../operations';

/** What Graph is told about a file before its bytes. */
export interface AttachmentFile {
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string;
}

/**
 * A small file in one request, its bytes base64 in the body (attachment-post; Graph refuses requests
 * over 4 MB, so only files under FERRY_UPLOAD_SESSION_MIN go this way).
 * https://learn.microsoft.com/graph/api/message-post-attachments
 */
export function attachmentCreateRequest(messageId: string, file: AttachmentFile, bytes: Uint8Array): GraphRequest {
  return buildRequest('attachments.create', { messageId }, {
    body: {
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: file.name,
      contentType: file.contentType,
      isInline: file.isInline,
      ...(file.contentId === undefined ? {} : { contentId: file.contentId }),
      contentBytes: Buffer.from(bytes).toString('base64'),
    },
  });
}

/**
 * An upload session for a larger file: its `uploadUrl` takes the bytes in chunks (on another origin,
 * with its own authtoken). `AttachmentItem` capitalised as the docs' example sends it.
 * https://learn.microsoft.com/graph/api/attachment-createuploadsession
 */
export function attachmentUploadSessionRequest(messageId: string, file: AttachmentFile): GraphRequest {
  return buildRequest('attachments.createUploadSession', { messageId }, {
    body: {
      AttachmentItem: {
        attachmentType: 'file',
        name: file.name,
        size: file.size,
        contentType: file.contentType,
        isInline: file.isInline,
        ...(file.contentId === undefined ? {} : { contentId: file.contentId }),
      },
    },
  });
}
