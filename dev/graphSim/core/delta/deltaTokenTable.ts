import { randomBytes } from 'node:crypto';

/**
 * Server-side sync state behind the opaque `$skiptoken`/`$deltatoken` values: the client sees only a
 * random handle. Like Outlook's delta token cache
 * (https://learn.microsoft.com/graph/delta-query-overview#token-duration) the table is bounded: past
 * `capacity` the oldest tokens are dropped, and tokens older than `ttlInMs` are gone too.
 */
export type TokenLookup<T> = { status: 'ok'; payload: T } | { status: 'gone' };

interface Entry<T> {
  oid: string;
  issuedAtInMs: number;
  payload: T;
  expired: boolean;
}

export class DeltaTokenTable<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly options: { ttlInMs: number; capacity: number; now: () => number }) {}

  issue(oid: string, payload: T): string {
    const token = randomBytes(33).toString('base64url');
    this.entries.set(token, { oid, issuedAtInMs: this.options.now(), payload, expired: false });
    while (this.entries.size > this.options.capacity) this.entries.delete(this.entries.keys().next().value!);
    return token;
  }

  /** A token of another user is as unknown as a made-up one: nothing leaks across mailboxes. */
  lookup(token: string, oid: string): TokenLookup<T> {
    const entry = this.entries.get(token);
    if (!entry || entry.oid !== oid || entry.expired) return { status: 'gone' };
    if (this.options.now() - entry.issuedAtInMs > this.options.ttlInMs) return { status: 'gone' };
    return { status: 'ok', payload: entry.payload };
  }

  /** Forces every token of `oid` (or of everyone) to be gone; returns how many. */
  expire(oid?: string): number {
    let count = 0;
    for (const entry of this.entries.values()) {
      if ((oid === undefined || entry.oid === oid) && !entry.expired) {
        entry.expired = true;
        count++;
      }
    }
    return count;
  }
}
