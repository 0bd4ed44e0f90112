import type { ArmTemplate } from './armTemplate';

/** The committed compile of infra/main.bicep: what the jest policy tests run on without a compiler. */
export const compiledSnapshotFile = 'test/infra/fixtures/main.compiled.json';

/**
 * The template without `metadata._generator` (compiler version and template hashes), so the
 * snapshot changes only when the templates do.
 */
export function normalizeCompiledTemplate(template: ArmTemplate): ArmTemplate {
  return JSON.parse(
    JSON.stringify(template, (key, value: unknown) => {
      if (key === 'metadata' && value && typeof value === 'object' && '_generator' in value) {
        const { _generator: _dropped, ...rest } = value as Record<string, unknown>;
        return Object.keys(rest).length > 0 ? rest : undefined;
      }
      return value;
    }),
  ) as ArmTemplate;
}

export function formatCompiledSnapshot(template: ArmTemplate): string {
  return JSON.stringify(normalizeCompiledTemplate(template), null, 2) + '\n';
}
