import { directSync } from '../direct/directSync';
import { ferrySync } from '../clients/ferrySync';
import { isFerry, type BenchContext, type VariantName } from './benchContext';
import { runRepeats } from './runRepeats';
import type { SamplesByVariant } from './scenario';

export interface FolderSyncComparison {
  user: string;
  folderId: string;
  /** The device's window; the direct client's page size. */
  window: number;
  /** What Ferry is asked for (`undefined`: mail/sync's default, no body). */
  ferryBody?: { type: 'none' | 'text'; maxChars?: number };
  /** Whether the direct client selects `body` (full bodies). */
  directWithBody: boolean;
  variants: readonly VariantName[];
  /** The first screen only: one answer, one page. */
  firstAnswerOnly?: boolean;
  /** Default: the bench's `--repeats`. */
  repeats?: number;
}

/**
 * A first-round sync of one folder on every variant, `repeats` times, after an untimed warm-up that
 * asks each variant for one answer (connections, JIT, Ferry's token cache).
 */
export async function compareFolderSync(context: BenchContext, spec: FolderSyncComparison): Promise<SamplesByVariant> {
  const ferryToken = await context.ferryToken(spec.user);
  const graphToken = await context.graphToken(spec.user);
  const runOnce = (variant: VariantName, firstOnly: boolean) =>
    context.measure(variant, spec.user, (client) =>
      isFerry(variant)
        ? ferrySync(client, ferryToken, { folderId: spec.folderId, window: spec.window, body: spec.ferryBody }, { firstAnswerOnly: firstOnly })
        : directSync(client, graphToken, { folderId: spec.folderId, pageSize: spec.window, withBody: spec.directWithBody }, { firstPageOnly: firstOnly }),
    );
  for (const variant of spec.variants) await runOnce(variant, true);
  return runRepeats(
    spec.repeats ?? context.options.repeats,
    spec.variants.map((variant) => ({ variant, run: () => runOnce(variant, spec.firstAnswerOnly === true) })),
  );
}
