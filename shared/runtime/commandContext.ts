import type { Caller } from '../auth/caller';
import type { FerryConfig } from '../config';
import type { Clock } from '../clock';
import type { GraphClient } from '../graph/graphRequest';
import type { Logger } from '../observability/logger';
import type { KeyRing } from '../state/keyRing';

/** What a command handler gets besides its validated input. Everything with I/O is injected here. */
export interface CommandContext {
  requestId: string;
  caller: Caller;
  config: FerryConfig;
  clock: Clock;
  logger: Logger;
  /** The command's one deadline, epoch ms (FERRY_SYNC_BUDGET_MS from its start): every Graph attempt is cut to it, sync answers stop pulling pages well before it. */
  deadlineInMs: number;
  /** Graph client bound to the caller's mailbox; the Graph token is fetched on first use only. */
  graph: GraphClient;
  /**
   * The state key ring (cached in memory by the secrets provider). With `keyId`, that key is loaded
   * first when the provider loads keys on demand; an unknown id is simply absent from the ring.
   */
  keyRing(keyId?: string): Promise<KeyRing>;
}
