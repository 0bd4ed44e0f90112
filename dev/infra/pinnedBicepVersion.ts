import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The NuGet package dev/bicep restores: Microsoft's self-contained Bicep CLI for linux-x64. */
export const bicepPackageId = 'Azure.Bicep.CommandLine.linux-x64';

/** The Bicep CLI version dev/bicep/bicepCli.csproj pins (`Version="[x.y.z]"`). */
export function pinnedBicepVersion(rootDir: string): string {
  const project = readFileSync(path.join(rootDir, 'dev/bicep/bicepCli.csproj'), 'utf8');
  const match = new RegExp(`Include="${bicepPackageId.replace(/\./g, '\\.')}"\\s+Version="\\[([^\\]]+)\\]"`).exec(project);
  if (!match) throw new Error(`dev/bicep/bicepCli.csproj does not pin ${bicepPackageId} with Version="[x.y.z]"`);
  return match[1]!;
}

/** Where `dotnet restore dev/bicep` puts the compiler (RestorePackagesPath in the project). */
export function restoredBicepPath(rootDir: string, version: string): string {
  return path.join(rootDir, 'dev/bicep/packages', bicepPackageId.toLowerCase(), version, 'tools/bicep');
}
