/**
 * The log-safe logger. Every field is a number, a boolean or a string from a closed vocabulary
 * (codes, command names, Graph request ids, operation names). Callers never pass mailbox content,
 * addresses, tokens, URLs with queries or request bodies: the type below only admits primitives and
 * `sanitizeLogFields` drops anything that looks like a token or an address as a second line of defence.
 */
export type LogValue = string | number | boolean | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogSink = (level: 'info' | 'warn' | 'error', line: string) => void;

const suspicious = /@|eyJ[A-Za-z0-9_-]{10,}|\s/;

/** Drops values that look like addresses, JWTs or free text. Ids and codes never contain whitespace. */
export function sanitizeLogFields(fields: LogFields): LogFields {
  const safe: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && suspicious.test(value)) safe[key] = '[redacted]';
    else safe[key] = value;
  }
  return safe;
}

export function createLogger(sink: LogSink, base: LogFields = {}): Logger {
  const write = (level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}) =>
    sink(level, JSON.stringify({ level, event, ...sanitizeLogFields({ ...base, ...fields }) }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** Writes JSON lines to stderr/stdout; the Functions host collects both. */
export const consoleSink: LogSink = (level, line) => {
  if (level === 'info') process.stdout.write(line + '\n');
  else process.stderr.write(line + '\n');
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
