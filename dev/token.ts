import { runTokenCli } from './tokenCli';

/** `node dist/dev/token.js --user alice@contoso.test`: see runTokenCli. */
runTokenCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
