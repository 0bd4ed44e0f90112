import type { InvocationContext } from '@azure/functions';
import { createLogger, type LogFields, type Logger } from './logger';

/**
 * Log-safe logger writing through the invocation context, so the Functions host correlates lines
 * with the invocation (and Application Insights gets them as traces).
 */
export function createInvocationLogger(invocation: InvocationContext, base: LogFields): Logger {
  return createLogger((level, line) => {
    if (level === 'error') invocation.error(line);
    else if (level === 'warn') invocation.warn(line);
    else invocation.log(line);
  }, base);
}
