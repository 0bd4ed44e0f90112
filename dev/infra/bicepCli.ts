/** A Bicep compiler found on this machine, and how to call it. */
export interface BicepCli {
  /** Where it came from, for the report: `FERRY_BICEP`, `bicep on PATH`, `az bicep`, `dev/bicep (NuGet)`. */
  source: string;
  /** `bicep` form (`bicep build <file>`) or `az` form (`az bicep build --file <file>`). */
  form: 'bicep' | 'az';
  command: string;
  /** Environment for every call (adds DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 where ICU is missing). */
  env: NodeJS.ProcessEnv;
  /** `Bicep CLI version 0.49.2 (...)` as the compiler prints it. */
  version: string;
}
