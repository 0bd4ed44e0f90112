/**
 * `node dist/bench/stack/runChild.js <script>`: runs one of the stack's entry points (dist/dev/...)
 * as a child of the bench with an IPC channel, and exits when that channel closes, so the stack never
 * outlives the bench, even when the bench itself is killed without a chance to stop it.
 */
const script = process.argv[2];
if (!script) {
  process.stderr.write('runChild: name the script to run\n');
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));
require(require('node:path').resolve(script));
