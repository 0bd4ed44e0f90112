import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Fixed entry time, so the same inputs give a byte-identical zip (1980-01-01 is the DOS epoch). */
const fixedMtime = new Date(Date.UTC(1980, 0, 1, 12));

/**
 * Writes `entries` (name in the zip -> file on disk) to `zipPath`, at the zip's root, in the given
 * order, deflated, with fixed times and mode 0644.
 */
export async function writeZip(zipPath: string, entries: ReadonlyArray<{ name: string; file: string }>): Promise<void> {
  const zip = new ZipFile();
  for (const { name, file } of entries) zip.addFile(file, name, { mtime: fixedMtime, mode: 0o100644, compress: true });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
}
