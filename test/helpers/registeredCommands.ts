import type { LocalHost } from '../../dev/host/localHost';
import type { AnyCommandDefinition } from '../../shared/protocol/commandDefinition';
import { commandRegistry } from '../../shared/protocol/commandRegistry';
import { deviceApiPrefix } from '../../shared/protocol/deviceApiPrefix';

export interface RegisteredCommand {
  /** Route under /api/v1, e.g. `mail/sync`. */
  route: string;
  functionName: string;
  /** The definition registerCommand recorded; undefined for a v1 route registered some other way. */
  definition?: AnyCommandDefinition;
}

/**
 * The device commands the host actually serves: every route under /api/v1 but the catch-all, from the
 * host's own registrations (so a new command joins the suites that use this without being listed).
 */
export function registeredCommands(host: LocalHost): RegisteredCommand[] {
  const prefix = `api/${deviceApiPrefix}/`;
  return host.routes
    .filter((route) => route.template.startsWith(prefix) && !route.template.includes('{*'))
    .map((route) => ({
      route: route.template.slice(prefix.length),
      functionName: route.functionName,
      definition: commandRegistry.get(route.functionName),
    }));
}
