import type { Sample, VariantName } from './benchContext';

export type Step = { variant: VariantName; run(): Promise<Sample> };

/**
 * Runs every step once per repeat, back to back, reversing the order on every other repeat so neither
 * path always goes first (a warm cache or a busy neighbour then favours each side alike). Returns the
 * samples by variant, repeat i at index i, so ratios pair runs of the same repeat.
 */
export async function runRepeats(repeats: number, steps: readonly Step[], between?: (repeat: number) => Promise<void>): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(steps.map((s) => [s.variant, [] as Sample[]]));
  for (let repeat = 0; repeat < repeats; repeat++) {
    await between?.(repeat);
    const order = repeat % 2 === 0 ? steps : [...steps].reverse();
    for (const step of order) samples[step.variant]!.push(await step.run());
  }
  return samples;
}
