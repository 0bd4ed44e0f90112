/**
 * The closed set of error codes a device can receive, with their HTTP status and title.
 * This table is the single source for the code (FerryError), the docs (docs/device-api.md) and the
 * OpenAPI document. New codes are added here first.
 */
export const errorCodes = {
  bad_request: { status: 400, title: 'The request is malformed or fails validation.' },
  unauthorized: { status: 401, title: 'The bearer token is missing or not valid.' },
  consent_required: { status: 401, title: 'The user must sign in again to grant consent.' },
  forbidden: { status: 403, title: 'The caller is not allowed to use this gateway.' },
  insufficient_scope: { status: 403, title: 'The token lacks the scope Ferry requires; sign in again requesting it.' },
  not_found: { status: 404, title: 'The item does not exist in this mailbox.' },
  folder_not_found: { status: 404, title: 'The folder does not exist in this mailbox.' },
  // Not `not_found`, whose rule drops the item: an app newer than its server would drop mail.
  unknown_command: { status: 404, title: 'This server has no such command; the app is newer than the server.' },
  method_not_allowed: { status: 405, title: 'This command does not take this method (`Allow` names the one it takes: POST, or GET for a download).' },
  send_in_progress: { status: 409, title: 'This draft is being sent; ask again after the given delay.' },
  send_stuck: { status: 409, title: 'Sending this draft started but has not finished; send it again with `force` only if the user says so.' },
  not_allowed: { status: 409, title: 'The mailbox does not allow this on that item (a well-known folder, a name already taken, a folder moved into itself).' },
  not_downloadable: { status: 409, title: 'This attachment links to a file stored elsewhere (OneDrive, SharePoint) and has no content to download.' },
  use_respond: { status: 409, title: 'You are an attendee of this meeting: decline it (calendar/respond) rather than delete it; delete with `silent` only on the user\'s word.' },
  conflict: { status: 409, title: 'The item changed since the values given as `base`: nothing was changed.' },
  idempotency_key_reused: { status: 409, title: 'This idempotency key was already used with another request body.' },
  sync_state_invalid: { status: 410, title: 'The sync state cannot be used; restart this collection without state.' },
  search_state_invalid: { status: 410, title: 'The search cursor cannot be used; search again.' },
  upload_state_invalid: { status: 410, title: 'The upload cannot be continued; restart it.' },
  payload_too_large: { status: 413, title: 'The request body is too large.' },
  unsupported_media_type: { status: 415, title: 'The request body must be application/json.' },
  range_not_satisfiable: { status: 416, title: 'The requested range is outside the content; download again without Range.' },
  throttled: { status: 429, title: 'The mailbox is being throttled; retry after the given delay.' },
  internal_error: { status: 500, title: 'An unexpected error occurred.' },
  upstream_error: { status: 502, title: 'Microsoft Graph returned an error Ferry cannot translate.' },
  outcome_unknown: { status: 502, title: 'Microsoft Graph may or may not have done it; repeat the same request as the device rules say.' },
  upstream_unavailable: { status: 503, title: 'Microsoft Graph is unavailable; retry after the given delay.' },
  mailbox_unavailable: { status: 503, title: 'The mailbox is not available through Microsoft Graph.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export const allErrorCodes = Object.keys(errorCodes) as ErrorCode[];
