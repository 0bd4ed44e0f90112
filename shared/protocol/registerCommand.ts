import { app } from '@azure/functions';
import type { CommandDefinition } from './commandDefinition';
import { defineCommand } from './defineCommand';
import { deviceApiPrefix } from './deviceApiPrefix';
import { setupFunctionsApp } from './setupFunctionsApp';
import { commandRegistry } from './commandRegistry';


/**
 * Registers a device command with the Functions host. Every method is routed to the handler so that
 * Ferry, not the host, answers a wrong method with 405 problem+json. `anonymous`: the bearer JWT check
 * is Ferry's own (a function key would be one shared secret in every app).
 */
export function registerCommand(definition: CommandDefinition): void {
  setupFunctionsApp();
  commandRegistry.add(definition);
  app.http(definition.functionName, {
    route: `${deviceApiPrefix}/${definition.route}`,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    authLevel: 'anonymous',
    handler: defineCommand(definition),
  });
}
