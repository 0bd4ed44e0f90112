import { app } from '@azure/functions';
import type { z } from 'zod';
import type { CommandDefinition, RawCommandDefinition } from './commandDefinition';
import type { PendingAnswer } from './pendingAnswer';
import type { CommandRuntime } from './commandRuntime';
import { defineCommand, defineRawCommand } from './defineCommand';
import { deviceApiPrefix } from './deviceApiPrefix';
import { setupFunctionsApp } from './setupFunctionsApp';
import { commandRegistry } from './commandRegistry';

/** Every method is routed to the handler so that Ferry, not the host, answers a wrong one with 405 problem+json. */
const allMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/**
 * Registers a device command with the Functions host: a POST+JSON command, or a raw one (a GET
 * download, `kind: 'raw'`), both through the same front door (defineCommand.ts). `anonymous`: the
 * bearer JWT check is Ferry's own (a function key would be one shared secret in every app). `runtime`
 * is the process's composition root, handed in by the functions/ file (`getRuntime`): protocol/ builds
 * nothing itself.
 */
export function registerCommand<Req extends z.ZodType, Res extends z.ZodType, Context, Caller>(
  definition: CommandDefinition<Req, Res, Context, PendingAnswer> | RawCommandDefinition<Req, Res, Context>,
  runtime: () => CommandRuntime<Context, Caller>,
): void {
  setupFunctionsApp();
  commandRegistry.add(definition as never);
  app.http(definition.functionName, {
    route: `${deviceApiPrefix}/${definition.route}`,
    methods: [...allMethods],
    authLevel: 'anonymous',
    handler: 'kind' in definition && definition.kind === 'raw' ? defineRawCommand(definition, runtime) : defineCommand(definition as CommandDefinition<Req, Res, Context, PendingAnswer>, runtime),
  });
}
