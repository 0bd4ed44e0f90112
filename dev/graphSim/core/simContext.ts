import type { Clock } from '../../../shared/clock';
import type { DevUser } from '../../directory';
import type { DeltaTokenPayload } from './delta/deltaPaging';
import type { DeltaTokenTable } from './delta/deltaTokenTable';
import type { MailboxStore } from '../resources/mail/mailboxStore';
import type { Preferences } from './odataQuery';
import type { Random } from './random';
import type { SimStats } from './simStats';

/** Switches for Graph behaviours that are documented but not always seen; all off by default. */
export interface GraphSimFlags {
  /** mailFolders/delta returns only msgfolderroot's children (so clients must walk childFolders). */
  folderDeltaTopLevelOnly: boolean;
  /** Delta pages randomly hold fewer items than `odata.maxpagesize` allows, sometimes none. */
  shortPages: boolean;
  /** An updated (not new) item in a message delta sometimes carries only id and changed properties. */
  partialUpdates: boolean;
  /** A message moved out of a folder and back between two delta calls is not reported in that folder. */
  immutableIdMoveMiss: boolean;
}

export const defaultFlags: GraphSimFlags = {
  folderDeltaTopLevelOnly: false,
  shortPages: false,
  partialUpdates: false,
  immutableIdMoveMiss: false,
};

/** Settings handlers read; fixed at start except `flags`. */
export interface SimSettings {
  deliveryDelayInMs: number;
  latencyInMs: number;
  maxInFlightPerMailbox: number;
  throttleRetryAfterInSeconds: number;
}

/** What every handler shares: the mailboxes, the token table, the seeded randomness, the clock. */
export interface SimServices {
  clock: Clock;
  settings: SimSettings;
  flags: GraphSimFlags;
  random: Random;
  tokens: DeltaTokenTable<DeltaTokenPayload>;
  mailboxes: Map<string, MailboxStore>;
  stats: SimStats;
  /** Runs `deliver` after the delivery delay, unless the simulator closes first. */
  scheduleDelivery(deliver: () => void): void;
}

/** One Graph request, from HTTP or from a `$batch` item. Header names are lower case. */
export interface SimRequest {
  method: string;
  /** Path below /v1.0, still URL-encoded, e.g. `/me/mailFolders/AAMk...%3D/messages`. */
  path: string;
  /** Query options with lower-cased names (`$deltaToken` and `$deltatoken` are one). */
  query: URLSearchParams;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HandlerContext {
  sim: SimServices;
  request: SimRequest;
  /** The caller: the token's `oid` and its directory entry (absent for a user the directory lacks). */
  oid: string;
  user?: DevUser;
  /** Origin links are built on: the one the client used, so it follows them on the same origin. */
  baseUrl: string;
  /** `me` or `users/{id}` as the request said it, repeated in links. */
  userSegment: string;
  prefer: Preferences;
}
