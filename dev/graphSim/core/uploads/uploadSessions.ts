import { randomBytes } from 'node:crypto';

/**
 * One upload session of Outlook's (https://learn.microsoft.com/graph/outlook-large-attachments): the
 * bytes arrive in order at the session's URL on another origin, with its own authtoken; the last one
 * hands the whole file to `complete`, which makes the attachment and names it (for the Location).
 */
export interface UploadSession {
  id: string;
  /** The secret in the URL's `authtoken`: the only credential the upload origin takes. */
  authtoken: string;
  /** Whose mailbox (for the upload window and injected failures), and the app that asked. */
  oid: string;
  azp?: string;
  size: number;
  /** The bytes so far (the first `next` of `size`). */
  bytes: Buffer;
  next: number;
  expiresAtInMs: number;
  /** The URL path after the origin, as handed out (the Location is built beside it). */
  path: string;
  /** Makes the attachment from the whole file; answers the path of its Location. */
  complete(bytes: Buffer): string;
}

/** Every open session, by id; a finished, cancelled or expired one is gone (404). */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();
  /** Every authtoken handed out, for tests that search logs for secrets (an upload URL must never be logged). */
  readonly issuedAuthtokens: string[] = [];

  open(session: Omit<UploadSession, 'id' | 'authtoken' | 'bytes' | 'next'>): UploadSession {
    const id = randomBytes(18).toString('base64url');
    const opened: UploadSession = { ...session, id, authtoken: randomBytes(48).toString('base64url'), bytes: Buffer.alloc(session.size), next: 0 };
    this.sessions.set(id, opened);
    this.issuedAuthtokens.push(opened.authtoken);
    return opened;
  }

  /** The session `id`, when it is open at `nowInMs`. */
  find(id: string, nowInMs: number): UploadSession | undefined {
    const session = this.sessions.get(id);
    if (session && session.expiresAtInMs <= nowInMs) this.sessions.delete(id);
    return session && session.expiresAtInMs > nowInMs ? session : undefined;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  get openCount(): number {
    return this.sessions.size;
  }
}
