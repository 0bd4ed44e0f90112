import { renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * Writes through a temporary file and a rename, so a process that starts while another is writing
 * sees the old file or the new one, never half of a PEM.
 */
export function writeFileAtomically(path: string, data: string, mode = 0o600): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, data, { mode });
  renameSync(temporary, path);
}
