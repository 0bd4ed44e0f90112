import path from 'node:path';
import { buildPackage } from './buildPackage';

/**
 * `npm run package` (`node dist/dev/package/main.js [--out <dir>]`): writes out/package/ and
 * out/ferry.zip from the sources in the current directory and prints what it wrote.
 */
async function main(argv: string[]): Promise<void> {
  const outAt = argv.indexOf('--out');
  const outDir = outAt === -1 ? undefined : argv[outAt + 1];
  if (outAt !== -1 && !outDir) throw new Error('--out needs a directory.');
  const result = await buildPackage({ rootDir: process.cwd(), outDir: outDir && path.resolve(outDir) });
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  process.stdout.write(
    [
      `functions: ${result.functionFiles.join(', ')}`,
      `${path.relative(process.cwd(), result.packageDir) || '.'}/: main.js ${kib(result.sizes['main.js'])}, host.json, package.json`,
      `${path.relative(process.cwd(), result.zipPath)}: ${kib(result.sizes['ferry.zip'])}`,
      '',
    ].join('\n'),
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`package failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
