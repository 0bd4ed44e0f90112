import { app } from '@azure/functions';
import { assertSupportedNode } from '../nodeVersion';

let done = false;

/**
 * Turns on HTTP streaming for every function of the app. Without it the Functions host buffers a whole
 * request body (up to `FUNCTIONS_REQUEST_BODY_SIZE_LIMIT`, 100 MB by default) before Ferry's own body
 * limit can refuse it; with it `request.body` is a stream that readJsonBody stops reading at the
 * command's limit + 1. Called by every file in functions/ (through registerCommand or directly), before
 * the worker locks setup at the end of start-up; repeated calls do nothing.
 * https://learn.microsoft.com/azure/azure-functions/node-http-stream
 */
export function setupFunctionsApp(): void {
  if (done) return;
  // A Functions app on an older Node (a stale FUNCTIONS_WORKER_RUNTIME_VERSION) loads no function
  // and says why in its log, rather than serving with cuts that take seconds (issue #24).
  assertSupportedNode();
  done = true;
  app.setup({ enableHttpStream: true });
}
