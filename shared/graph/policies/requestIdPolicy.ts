import { randomUUID } from 'node:crypto';
import type { PipelinePolicy } from '../pipeline';

/**
 * Gives each logical request a `client-request-id` (a uuid, log-safe). It sits outside the retry policy,
 * so every retry of the request carries the same id and Graph support can follow it.
 * https://learn.microsoft.com/en-us/graph/best-practices-concept#reliability-and-support
 */
export function requestIdPolicy(newId: () => string = randomUUID): PipelinePolicy {
  return {
    name: 'requestIdPolicy',
    sendRequest: (request, next) => next({ ...request, headers: { ...request.headers, 'client-request-id': newId() } }),
  };
}
