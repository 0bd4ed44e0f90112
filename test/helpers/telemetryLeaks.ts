import type { GraphSimulator } from '../../dev/graphSim/createGraphSimulator';
import { mailboxContentStrings } from './mailboxContent';

const jwt = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
const bearer = /bearer\s+\S{8,}/i;

/**
 * Everything telemetry must never hold, found in `texts` (serialized spans, ingestion bodies): mailbox
 * content of every demo mailbox, any JWT or bearer credential, and each of `secrets` (tokens, state
 * tokens, ids, keys the test handed out). Returns log-safe descriptions (position and length, never
 * the text itself), empty when clean.
 */
export function findTelemetryLeaks(texts: readonly string[], sim: GraphSimulator, secrets: readonly string[]): string[] {
  const needles = [...mailboxContentStrings(sim), ...secrets.filter((secret) => secret.length >= 6)];
  const leaks: string[] = [];
  texts.forEach((text, index) => {
    if (jwt.test(text)) leaks.push(`text ${index} holds a JWT`);
    if (bearer.test(text)) leaks.push(`text ${index} holds a bearer credential`);
    for (const needle of needles) {
      const escaped = JSON.stringify(needle).slice(1, -1);
      if (text.includes(needle) || text.includes(escaped)) leaks.push(`text ${index} holds a forbidden string (${needle.length} chars)`);
    }
  });
  return leaks;
}
