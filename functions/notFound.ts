import { app } from '@azure/functions';
import { createUnknownCommandHandler } from '../shared/protocol/unknownCommand';
import { setupFunctionsApp } from '../shared/protocol/setupFunctionsApp';
import { getRuntime } from '../shared/runtime/runtime';

setupFunctionsApp();

// Catches every /api/v1 path no command claims, so the device gets problem+json, not the host's bare 404.
app.http('unknownCommand', { route: 'v1/{*rest}', methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], authLevel: 'anonymous', handler: createUnknownCommandHandler(getRuntime) });
