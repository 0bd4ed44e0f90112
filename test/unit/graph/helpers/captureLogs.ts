import { createLogger, type Logger } from '../../../../shared/observability/logger';

/** A real log-safe logger writing into an array, to assert what reached the logs. */
export function captureLogs(): { logger: Logger; lines: string[]; records: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const logger = createLogger((_level, line) => lines.push(line));
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
