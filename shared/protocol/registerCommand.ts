import { app } from '@azure/functions';
import type { z } from 'zod';
import type { CommandDefinition } from './commandDefinition';
import type { CommandRuntime } from './commandRuntime';
import { defineCommand } from './defineCommand';
import { deviceApiPrefix } from './deviceApiPrefix';
import { setupFunctionsApp } from './setupFunctionsApp';
import { commandRegistry } from './commandRegistry';

/**
 * Registers a device command with the Functions host. Every method is routed to the handler so that
 * Ferry, not the host, answers a wrong method with 405 problem+json. `anonymous`: the bearer JWT check
 * is Ferry's own (a function key would be one shared secret in every app). `runtime` is the process's
 * composition root, handed in by the functions/ file (`getRuntime`): protocol/ builds nothing itself.
 */
export function registerCommand<Req extends z.ZodType, Res extends z.ZodType, Context, Caller>(
  definition: CommandDefinition<Req, Res, Context>,
  runtime: () => CommandRuntime<Context, Caller>,
): void {
  setupFunctionsApp();
  commandRegistry.add(definition);
  app.http(definition.functionName, {
    route: `${deviceApiPrefix}/${definition.route}`,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    authLevel: 'anonymous',
    handler: defineCommand(definition, runtime),
  });
}
