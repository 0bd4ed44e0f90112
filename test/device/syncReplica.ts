/**
 * The reference device's copy of one collection. It follows only the documented protocol
 * (docs/device-api.md, "Sync: state, more, reset"): apply upserts, then removed, then keep the state;
 * on a reset round remember the ids received and, when the round ends, drop the rest. A round that
 * ends (`more: false`) holds every change made before its first call; a change notice (a push)
 * received after that call means one more round.
 */
export interface SyncAnswer<T> {
  state: string;
  more: boolean;
  reset: boolean;
  upserts: T[];
  removed: string[];
}

export class SyncReplica<T extends { id: string }> {
  readonly items = new Map<string, T>();
  state: string | undefined;
  private roundIds: Set<string> | undefined;
  /** Change notices received for this collection. */
  private notices = 0;
  /** `notices` when the round in progress began its first call; undefined between rounds. */
  private noticesAtRoundStart: number | undefined;
  /** The notices the last finished round covers (it began after them). */
  private noticesCovered = 0;

  /** A push said this collection (or the mailbox) changed. */
  notice(): void {
    this.notices++;
  }

  /** Called before every sync call: the first call of a round marks the notices it will cover. */
  beginCall(): void {
    this.noticesAtRoundStart ??= this.notices;
  }

  /** True between rounds when no change notice arrived after the last round began: nothing to sync. */
  get upToDate(): boolean {
    return this.noticesAtRoundStart === undefined && this.state !== undefined && this.noticesCovered === this.notices;
  }

  apply(answer: SyncAnswer<T>): void {
    const seen = new Set<string>();
    for (const id of [...answer.upserts.map((u) => u.id), ...answer.removed]) {
      if (seen.has(id)) throw new Error(`id ${id} appears twice in one answer`);
      seen.add(id);
    }
    if (answer.reset) this.roundIds = new Set();
    for (const item of answer.upserts) {
      this.items.set(item.id, item);
      this.roundIds?.add(item.id);
    }
    for (const id of answer.removed) {
      this.items.delete(id);
      this.roundIds?.delete(id);
    }
    this.state = answer.state;
    if (!answer.more) {
      this.noticesCovered = this.noticesAtRoundStart ?? this.notices;
      this.noticesAtRoundStart = undefined;
    }
    if (!answer.more && this.roundIds) {
      for (const id of [...this.items.keys()]) if (!this.roundIds.has(id)) this.items.delete(id);
      this.roundIds = undefined;
    }
  }

  /** `410 sync_state_invalid`: restart the collection without state, keeping the local copy. */
  forgetState(): void {
    this.state = undefined;
  }
}
