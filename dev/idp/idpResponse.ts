/** What an IdP route answers: a status and a JSON body. The server turns it into HTTP. */
export interface IdpResponse {
  status: number;
  body: unknown;
}
