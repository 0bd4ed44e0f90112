import { row, type Row } from './rows';

/**
 * Outlook's request budget per app and mailbox: "10,000 API requests in a 10 minute period"
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits). Ferry is one app, so
 * every device of a user spends from the same budget; each `$batch` item counts on its own.
 */
export const outlookRequestsPer10Minutes = 10_000;

/** How one user's devices sync in a day: the profile docs/performance.md states. */
export interface UsageProfile {
  devices: number;
  /** Mail folders each device keeps in sync. */
  folders: number;
  /** Mail arriving in the day; each is pushed to every device, which then syncs that folder. */
  mailsPerDay: number;
  /** Hours a day the app is in use, refreshing every folder (and the folder list) every `refreshMinutes`. */
  activeHours: number;
  refreshMinutes: number;
  /** Each folder's full round, every FERRY_FULL_ROUND_HOURS (24): once a day. */
  fullRoundsPerDay: number;
  /** Mail arriving in the busiest 10 minutes. */
  peakMailsPer10Minutes: number;
}

export const benchUsageProfile: UsageProfile = {
  devices: 3,
  folders: 10,
  mailsPerDay: 200,
  activeHours: 16,
  refreshMinutes: 15,
  fullRoundsPerDay: 1,
  peakMailsPer10Minutes: 20,
};

/** Graph requests (Outlook's count: `$batch` items, not envelopes) measured per mail/sync. */
export interface MeasuredSyncCosts {
  /** An incremental sync of a folder where nothing changed. */
  idleSync: number;
  /** An incremental sync after `changes` changes (partial items filled in). */
  changedSync: number;
  changes: number;
  /** A full round of one folder (the bench folder, in the bench's window). */
  fullRound: number;
}

export interface GraphBudget {
  perDeviceDay: number;
  perUserDay: number;
  /** The user's busiest 10 minutes: every device runs every folder's full round, a refresh, and the peak's pushes. */
  peakPer10Minutes: number;
  /** peakPer10Minutes against Outlook's 10,000. */
  peakShare: number;
}

/**
 * Requests per device and per user a day, and the busiest 10 minutes against Outlook's budget, from
 * measured costs. A push costs an incremental sync with one change; a refresh one `folders/sync` (an
 * incremental folder round: one request) and an idle sync per folder.
 */
export function graphBudget(profile: UsageProfile, costs: MeasuredSyncCosts): GraphBudget {
  const perChange = Math.max(0, costs.changedSync - costs.idleSync) / costs.changes;
  const pushSync = costs.idleSync + perChange;
  const refresh = 1 + profile.folders * costs.idleSync;
  const refreshesPerDay = (profile.activeHours * 60) / profile.refreshMinutes;
  const perDeviceDay = profile.mailsPerDay * pushSync + refreshesPerDay * refresh + profile.fullRoundsPerDay * profile.folders * costs.fullRound;
  const refreshesPer10Minutes = Math.ceil(10 / profile.refreshMinutes);
  const peakPerDevice = profile.folders * costs.fullRound + refreshesPer10Minutes * refresh + profile.peakMailsPer10Minutes * pushSync;
  const peakPer10Minutes = profile.devices * peakPerDevice;
  return { perDeviceDay, perUserDay: profile.devices * perDeviceDay, peakPer10Minutes, peakShare: peakPer10Minutes / outlookRequestsPer10Minutes };
}

/** The budget rows: per device-day and user-day printed, the peak share against a target of half the budget. */
export function graphBudgetRows(budgets: readonly GraphBudget[]): Row[] {
  return [
    row('graph-budget.requests-per-device-day', budgets.map((b) => b.perDeviceDay), null, 'count'),
    row('graph-budget.requests-per-user-day', budgets.map((b) => b.perUserDay), null, 'count'),
    row('graph-budget.peak-10min-requests', budgets.map((b) => b.peakPer10Minutes), null, 'count'),
    row('graph-budget.peak-10min-share', budgets.map((b) => b.peakShare), 0.5),
  ];
}
