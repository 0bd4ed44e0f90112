import type { AnyCommandDefinition } from './commandDefinition';

const byFunctionName = new Map<string, AnyCommandDefinition>();

/**
 * The command definitions registered with the host in this process, by function name. registerCommand
 * fills it; tests read it to find the schema behind each registration the host serves (a route under
 * /api/v1 with no definition here has no schema, and the fuzz suite fails on it).
 */
export const commandRegistry = {
  add(definition: AnyCommandDefinition): void {
    byFunctionName.set(definition.functionName, definition);
  },
  get(functionName: string): AnyCommandDefinition | undefined {
    return byFunctionName.get(functionName);
  },
};
