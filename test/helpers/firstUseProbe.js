// `node test/helpers/firstUseProbe.js <packageDir> <command>`: serves a (marked) package in this process
// through the compiled local host, as the Node worker would, and prints as one JSON line the packages a
// marked build recorded as evaluated (`globalThis.__ferryLoaded`) and the lazy/ chunks required: once
// after import, once after one POST of <command> with the device token in FERRY_PROBE_TOKEN (its status
// too). Plain JavaScript: it runs outside jest, on the compiled dev host in dist/.
const Module = require('node:module');
const path = require('node:path');
const { startLocalHost } = require(path.join(__dirname, '../../dist/dev/host/localHost.js'));

const chunks = [];
const originalRequire = Module.prototype.require;
Module.prototype.require = function recordingRequire(id) {
  // A bundle's only relative requires are its chunks: `./lazy/x.js` from main.js, `./x.js` from a chunk.
  if (/^\.\/(lazy\/)?[\w-]+\.js$/.test(id)) chunks.push(path.basename(id));
  return originalRequire.apply(this, arguments);
};
const snapshot = () => ({ loaded: [...(globalThis.__ferryLoaded ?? [])].sort(), chunks: [...new Set(chunks)].sort() });

startLocalHost({ rootDir: path.resolve(process.argv[2]), port: 0, logSink: () => {} })
  .then(async (host) => {
    const atImport = snapshot();
    const response = await fetch(`${host.url}/api/v1/${process.argv[3]}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.FERRY_PROBE_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    await response.arrayBuffer();
    const afterFirstUse = snapshot();
    process.stdout.write(JSON.stringify({ atImport, afterFirstUse, status: response.status }) + '\n');
    await host.close();
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(`first-use probe failed: ${error && error.stack}\n`);
    process.exit(1);
  });
