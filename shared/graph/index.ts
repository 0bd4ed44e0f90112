export { createGraphClient, defaultAttemptTimeoutInMs } from './createGraphClient';
export type { GraphClientOptions } from './graphClientOptions';
export type { GraphClient, GraphMethod, GraphPage, GraphRequest, GraphResponse } from './graphRequest';
export { GraphRequestError, type GraphRequestErrorDetails } from './graphRequestError';
export { GraphSyncResetError, type SyncResetReason } from './graphSyncResetError';
export { toFerryError } from './toFerryError';
export { graphErrorRules, mapGraphError, type GraphErrorRule } from './errorMap';
export { resolveLink, toRelativeLink } from './graphLinks';
export { encodeGraphId } from './encodeGraphId';
export {
  buildRequest,
  checkOperationTable,
  operationDefinition,
  operations,
  type AnswerShape,
  type OperationDefinition,
  type OperationName,
  type OperationParams,
} from './operations';
export { sendWithLookUp } from './sendWithLookUp';
export { mergePrefer } from './preferHeader';
export { maxBatchItems } from './batch/sendBatch';
