// `node test/helpers/importProbe.js <main.js>`: requires a bundle the way the Node worker does (with
// `@azure/functions-core` provided) and prints, as one JSON line, every network call started while
// importing it (sockets, DNS, fetch), the Node built-ins it required and the packages a marked build
// recorded as evaluated (`globalThis.__ferryLoaded`). Plain JavaScript: it runs outside jest.
const Module = require('node:module');
const path = require('node:path');
const net = require('node:net');
const dns = require('node:dns');

const network = [];
const builtins = new Set();
const originalRequire = Module.prototype.require;
Module.prototype.require = function recordingRequire(id) {
  if (Module.isBuiltin(id)) builtins.add(id.replace(/^node:/, ''));
  return originalRequire.apply(this, arguments);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function recordingConnect() {
  network.push('socket.connect');
  return connect.apply(this, arguments);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function recordingDns() {
    network.push(`dns.${name}`);
    return original.apply(this, arguments);
  };
}
const fetch = globalThis.fetch;
globalThis.fetch = function recordingFetch() {
  network.push('fetch');
  return fetch.apply(this, arguments);
};

require(path.join(__dirname, '../../dist/dev/host/installFunctionsCore.js')).installFunctionsCore();
require(path.resolve(process.argv[2]));
// Let anything the import scheduled (promises, immediates, zero timers) start before reporting.
setTimeout(() => {
  setImmediate(() => {
    process.stdout.write(JSON.stringify({ network, builtins: [...builtins].sort(), loaded: globalThis.__ferryLoaded ?? [] }) + '\n');
    process.exit(0);
  });
}, 0);
