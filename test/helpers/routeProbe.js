// `node test/helpers/routeProbe.js <rootDir>`: loads the function files of <rootDir> the way the local
// host (and the Node worker) does, from its package.json `main` with `@azure/functions-core` provided,
// and prints the registered routes as one JSON line. Plain JavaScript so it runs outside jest, on the
// compiled dev host in dist/.
const path = require('node:path');
const { startLocalHost } = require(path.join(__dirname, '../../dist/dev/host/localHost.js'));

startLocalHost({ rootDir: path.resolve(process.argv[2]), port: 0, logSink: () => {} })
  .then(async (host) => {
    const routes = host.routes.map((r) => ({ name: r.functionName, methods: r.methods, template: r.template, authLevel: r.authLevel }));
    process.stdout.write(JSON.stringify(routes.sort((a, b) => a.name.localeCompare(b.name))) + '\n');
    await host.close();
  })
  .catch((error) => {
    process.stderr.write(`route probe failed: ${error && error.message}\n`);
    process.exit(1);
  });
