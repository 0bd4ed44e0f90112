import type { Clock } from '../../../shared/clock';
import type { DevUser } from '../../directory';
import type { DeltaTokenPayload } from './delta/deltaPaging';
import type { DeltaTokenTable } from './delta/deltaTokenTable';
import type { LatencySchedules } from './latencySchedule';
import type { OutlookLimits, RequestLimit, UploadLimit } from './outlookLimits';
import type { Preferences } from './odataQuery';
import type { Random } from './random';
import type { ResourceStores } from './resourceStores';
import type { SimStats } from './simStats';
import type { UploadSessions } from './uploads/uploadSessions';

/**
 * Switches for Graph behaviours that are documented but not always seen; all off by default. The core
 * has the delta engine's; a resource adds its own by augmenting this interface (`declare module`) and
 * listing their defaults in its `SimResource.flags`, so `state.setFlags` stays typed.
 */
export interface GraphSimFlags {
  /** Delta pages randomly hold fewer items than `odata.maxpagesize` allows, sometimes none. */
  shortPages: boolean;
  /** An upload session answers a chunk that is not the next one (a repeat) with 416, not with where it stands (UNVERIFIED which). */
  uploadRepeatedRange416: boolean;
}

export const coreFlagDefaults: Pick<GraphSimFlags, 'shortPages' | 'uploadRepeatedRange416'> = { shortPages: false, uploadRepeatedRange416: false };

/** Settings handlers read; fixed at start. */
export interface SimSettings {
  deliveryDelayInMs: number;
  /** How long a message sent by `/send` is in no folder (GET 404) before its Sent copy and delivery. */
  sendWindowInMs: number;
  /** The tenant's MaxSendSize: a sent message larger than this bounces (an NDR in the sender's Inbox). */
  maxSendSizeInBytes: number;
  latencyInMs: number;
  maxInFlightPerMailbox: number;
  throttleRetryAfterInSeconds: number;
  /** How long new mail takes to be found by `$search` (0: at once). */
  searchIndexDelayInMs: number;
  /**
   * How long a contact's extended properties take to be found by a `$filter` on them (0: at once);
   * `state.setContactFilterLag` changes it. UNVERIFIED: read-your-writes of Exchange's property filter.
   */
  contactFilterLagInMs: number;
  /** Outlook's request window per app and mailbox (core/outlookLimits.ts). */
  requestLimit: RequestLimit;
  /** Outlook's upload window per app and mailbox. */
  uploadLimit: UploadLimit;
}

/** What every handler shares: the users' stores, the token table, the seeded randomness, the clock. */
export interface SimServices {
  clock: Clock;
  settings: SimSettings;
  flags: GraphSimFlags;
  random: Random;
  tokens: DeltaTokenTable<DeltaTokenPayload>;
  /** Each registered resource's per-user store (mail: the MailboxStore). */
  stores: ResourceStores;
  /** Per-request delays set by `latencyScheduleInMs` or `state.setLatencySchedule`. */
  latency: LatencySchedules;
  stats: SimStats;
  /** Outlook's request and upload windows per app and mailbox. */
  limits: OutlookLimits;
  /** Open upload sessions, served on the upload origin (core/uploads/). */
  uploads: UploadSessions;
  /** The upload origin, e.g. `http://127.0.0.1:7075` (Outlook's `https://outlook.office.com`). */
  uploadOrigin(): string;
  /** Runs `deliver` after the delivery delay (or `delayInMs`), unless the simulator closes first. */
  scheduleDelivery(deliver: () => void, delayInMs?: number): void;
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
  /** The token's `azp` (the app), for the limits of requests made without a token (upload chunks). */
  azp?: string;
  user?: DevUser;
  /** Origin links are built on: the one the client used, so it follows them on the same origin. */
  baseUrl: string;
  /** `me` or `users/{id}` as the request said it, repeated in links. */
  userSegment: string;
  prefer: Preferences;
  /** The token's delegated scopes (`scp`); absent for a token without that claim, which is not checked. */
  scopes?: readonly string[];
}
