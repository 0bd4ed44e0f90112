/** Why the outbound guard refused a URL or a connection: log-safe, never the URL itself. */
export type OutboundRefusal =
  | 'not_a_url'
  | 'control_character'
  | 'userinfo'
  | 'not_https'
  | 'ip_literal'
  | 'origin_not_allowed'
  | 'redirect'
  | 'forbidden_address'
  | 'no_address';

/** Thrown (or passed to a socket callback) when the outbound guard refuses; `reason` is log-safe. */
export class OutboundRefusedError extends Error {
  readonly reason: OutboundRefusal;

  constructor(reason: OutboundRefusal) {
    super(`Outbound request refused: ${reason}.`);
    this.name = 'OutboundRefusedError';
    this.reason = reason;
  }
}
