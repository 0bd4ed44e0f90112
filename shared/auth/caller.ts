/** The authenticated user of a device request: Entra tenant id + object id, and their bearer token. */
export interface Caller {
  tid: string;
  oid: string;
  /** The device's access token, kept only for the on-behalf-of exchange. Never logged. */
  token: string;
}
