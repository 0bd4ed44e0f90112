/**
 * Stand-in for `@azure/functions-core`, the module the Azure Functions Node worker hands to
 * `@azure/functions`. The library calls `registerFunction(metadata, callback)` for each `app.http(...)`
 * and `log(...)` for system logs; the local host reads the registrations back. State lives on a global
 * symbol so the copy jest maps in (moduleNameMapper) and the copy the require proxy returns agree.
 */
export interface RpcBindingInfo {
  type?: string | null;
  direction?: string | null;
  route?: string | null;
  methods?: string[] | null;
  authLevel?: string | null;
  [key: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
}

export type FunctionCallback = (...args: unknown[]) => unknown;

export interface Registration {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

interface CoreState {
  registrations: Registration[];
  programmingModel?: unknown;
  logSink: (level: string, category: string, message: string) => void;
}

const stateKey = Symbol.for('ferry.dev.functionsCore');
const globalState = globalThis as unknown as Record<symbol, CoreState | undefined>;

function state(): CoreState {
  return (globalState[stateKey] ??= { registrations: [], logSink: () => {} });
}

export const version = '3.10.1';

export function registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): { dispose(): void } {
  const registration = { metadata, callback };
  state().registrations.push(registration);
  return { dispose: () => void (state().registrations = state().registrations.filter((r) => r !== registration)) };
}

export function setProgrammingModel(model: unknown): void {
  state().programmingModel = model;
}

export function getProgrammingModel(): unknown {
  return state().programmingModel;
}

export function registerHook(): { dispose(): void } {
  return { dispose() {} };
}

export function log(level: string, category: string, message: string): void {
  state().logSink(level, category, message);
}

/** Host side: every registration made so far, in order. */
export function getRegistrations(): readonly Registration[] {
  return state().registrations;
}

export function clearRegistrations(): void {
  state().registrations = [];
}

export function setSystemLogSink(sink: CoreState['logSink']): void {
  state().logSink = sink;
}
