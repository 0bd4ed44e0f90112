/**
 * The reference device's copy of one collection. It follows only the documented protocol
 * (docs/device-api.md, "Sync: state, more, reset"): apply upserts, then removed, then keep the state;
 * on a reset round remember the ids received and, when the round ends, drop the rest.
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
