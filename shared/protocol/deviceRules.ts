import { errorCodes, type ErrorCode } from './errorCodes';

/**
 * What a device does with every answer Ferry can give: one rule per error code, plus the answers that
 * are not errors (a 2xx, `202 pending`) and no answer at all. docs/device-api.md renders this table, the
 * reference device (test/device/referenceDevice.ts) dispatches on `action`, and a unit test fails on an
 * error code without a rule. Later commands add their codes here when they add them to errorCodes.ts.
 */

/**
 * Answers that are not problems but still need a rule. `202 pending` is a success (the request was
 * accepted, its work is not finished): its body says so with `code: "pending"` and `Retry-After`.
 */
export const nonErrorAnswers = {
  ok: { status: '2xx', title: 'Success.' },
  pending: { status: 202, title: 'Accepted and still in progress (e.g. a message being sent); ask again after Retry-After.' },
  no_answer: { status: 'none', title: 'No HTTP answer: the connection failed or timed out.' },
} as const;

export type NonErrorAnswer = keyof typeof nonErrorAnswers;
export type AnswerCode = ErrorCode | NonErrorAnswer;

/** The device's timings, in seconds (before any test scaling). */
export const deviceTimings = {
  /** A Retry-After longer than this is capped to it. */
  maxRetryAfterInSeconds: 300,
  /** Backoff for 500 and 502 `upstream_error`: waits 1, 2, 4 … capped at 60 s, full jitter. */
  backoffFirstInSeconds: 1,
  backoffMaxInSeconds: 60,
  /** Tries of one request under backoff before telling the user. */
  backoffTries: 6,
  /** `mail/send` is repeated after no answer or `outcome_unknown` only once this long has passed (fence + 10 s). */
  sendRepeatAfterInSeconds: 30,
  /** A send still `pending` / `send_in_progress` after this long is reported to the user. */
  pendingGiveUpInSeconds: 15 * 60,
  /** Retries with a fresh token after `unauthorized`. */
  unauthorizedRetries: 1,
} as const;

/**
 * What the device does. Loops (`wait_retry_after`, `backoff`, `repeat_same`, `refresh_token`,
 * `poll_send`) repeat the same request with the same body; the others end the request and change what
 * the app does next.
 */
export type DeviceAction =
  /** Apply upserts, then removed, then save the state; follow the reset rule. */
  | 'apply'
  /** Send `mail/send {draftId}` after Retry-After; after `pendingGiveUpInSeconds`, tell the user. */
  | 'poll_send'
  /** Wait Retry-After (seconds or HTTP-date, at most `maxRetryAfterInSeconds`), then repeat. */
  | 'wait_retry_after'
  /** Back off 1, 2, 4 … 60 s with full jitter and repeat; after `backoffTries` tries tell the user. */
  | 'backoff'
  /** Repeat with the same body and idempotency key; `mail/send` only after an answer or `sendRepeatAfterInSeconds`. */
  | 'repeat_same'
  /** Restart the collection without state, keeping the local copy (the reset rule). */
  | 'restart_collection'
  | 'search_again'
  | 'restart_upload'
  /** Drop that collection (the folder is gone) and run `folders/sync`. */
  | 'drop_collection'
  | 'drop_item'
  /** Get a new token and repeat once. */
  | 'refresh_token'
  /** Sign the user in again, passing the `claims` of `WWW-Authenticate`. */
  | 'sign_in_with_claims'
  /** Sign the user in again, requesting Ferry's scope. */
  | 'sign_in_for_scope'
  /** No retry: show the user what happened. */
  | 'show_user'
  /** Download again without `Range`. */
  | 'download_without_range'
  /** The item changed meanwhile: sync again or fetch it, show the user, resend with the current values as `base` on their word. */
  | 'refresh_item'
  /** The app sent something it must not: no retry, report the bug. */
  | 'report_bug'
  /** The app called a command its server does not have (the app is newer): no retry, report it. */
  | 'report_newer_app';

export interface DeviceRule {
  readonly action: DeviceAction;
  /** The rule as docs/device-api.md states it. */
  readonly text: string;
}

const waitRetryAfter: DeviceRule = { action: 'wait_retry_after', text: 'Wait `Retry-After` (seconds or HTTP-date, at most 300 s), then repeat the same request.' };
const backoff: DeviceRule = { action: 'backoff', text: 'Back off 1, 2, 4 … 60 s with full jitter and repeat; after 6 tries tell the user.' };
const reportBug: DeviceRule = { action: 'report_bug', text: 'App bug: no retry; report it.' };
const pollSend: DeviceRule = { action: 'poll_send', text: 'Send `mail/send {draftId}` again after `Retry-After`; after 15 min, tell the user.' };
const showUser: DeviceRule = { action: 'show_user', text: 'No retry; show the user.' };

export const deviceRules: Readonly<Record<AnswerCode, DeviceRule>> = {
  ok: {
    action: 'apply',
    text: 'Apply `upserts`, then `removed`, then save `state`; follow the reset rule of sync rounds. Bulk commands: each of `results` by the per-item rule. `batch`: each of `responses` by the rule of its own `status` and `code`, as if answered alone; repeat only the parts that need it.',
  },
  pending: pollSend,
  no_answer: {
    action: 'repeat_same',
    text: 'Repeat with the same body and idempotency key; `mail/send` only after an answer or 30 s (fence + 10 s).',
  },
  bad_request: reportBug,
  unauthorized: { action: 'refresh_token', text: 'Get a new token and repeat once.' },
  consent_required: { action: 'sign_in_with_claims', text: 'Sign the user in again with the `claims` of `WWW-Authenticate`.' },
  forbidden: showUser,
  insufficient_scope: { action: 'sign_in_for_scope', text: "Sign the user in again requesting Ferry's scope (`WWW-Authenticate` names it)." },
  not_found: { action: 'drop_item', text: 'Drop the item. (To a repeated delete: done.)' },
  folder_not_found: { action: 'drop_collection', text: 'Drop that collection, then sync its folder list (`folders/sync` or `contacts/folders`).' },
  // Not an app bug and not a missing item: the server is older than the app. Nothing is dropped.
  unknown_command: { action: 'report_newer_app', text: 'The app is newer than this server: no retry; report it. Drop nothing.' },
  method_not_allowed: reportBug,
  send_in_progress: pollSend,
  send_stuck: { action: 'show_user', text: 'No retry; show the user. Send again with `force` only on the user\'s word.' },
  not_allowed: showUser,
  conflict: { action: 'refresh_item', text: 'Sync again or fetch the item; show the user; resend with current values as `base` on their word.' },
  use_respond: { action: 'show_user', text: 'No retry; show the user. Offer a decline (`calendar/respond`); delete with `silent` only on the user\'s word.' },
  idempotency_key_reused: reportBug,
  not_downloadable: { action: 'show_user', text: 'No retry; show the user (the attachment is a link to a file stored elsewhere).' },
  sync_state_invalid: { action: 'restart_collection', text: 'Restart that collection without `state`; wipe nothing (the reset rule).' },
  search_state_invalid: { action: 'search_again', text: 'Search again from the start.' },
  upload_state_invalid: { action: 'restart_upload', text: 'Restart the upload.' },
  payload_too_large: reportBug,
  unsupported_media_type: reportBug,
  range_not_satisfiable: { action: 'download_without_range', text: 'Download again without `Range`.' },
  throttled: waitRetryAfter,
  internal_error: backoff,
  upstream_error: backoff,
  outcome_unknown: {
    action: 'repeat_same',
    text: 'Repeat with the same body and idempotency key; `mail/send` only after an answer or 30 s (fence + 10 s).',
  },
  upstream_unavailable: waitRetryAfter,
  mailbox_unavailable: { action: 'wait_retry_after', text: 'Wait Retry-After (300 s), repeat; tell the user while it persists (the mailbox is not reachable through Graph, seldom a passing state).' },
};

/** The HTTP status an answer code comes with (`2xx` and `none` for the non-error answers). */
export function answerStatus(code: AnswerCode): number | '2xx' | 'none' {
  return code in nonErrorAnswers ? nonErrorAnswers[code as NonErrorAnswer].status : errorCodes[code as ErrorCode].status;
}

/**
 * The rule for an answer: by `code` when the code is in the table and its status matches, else undefined
 * (a code this table does not know, or a status that does not go with it).
 */
export function deviceRuleFor(status: number | 'none', code?: string): DeviceRule | undefined {
  if (status === 'none') return deviceRules.no_answer;
  if (status === 202 && code === 'pending') return deviceRules.pending;
  if (status >= 200 && status <= 299 && code !== 'pending') return deviceRules.ok;
  if (code === undefined || !Object.hasOwn(errorCodes, code)) return undefined;
  return errorCodes[code as ErrorCode].status === status ? deviceRules[code as ErrorCode] : undefined;
}
