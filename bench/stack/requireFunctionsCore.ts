import { installFunctionsCore } from '../../dev/host/installFunctionsCore';

// `node --require dist/bench/stack/requireFunctionsCore.js ...`: provides `@azure/functions-core` as the
// Node worker does, before anything else loads, so a bare node process can require the package's
// main.js (the cold-start scenario). Both sides of that comparison load this file alike.
installFunctionsCore();
