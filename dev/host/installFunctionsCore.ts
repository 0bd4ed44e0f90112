import Module from 'node:module';
import * as functionsCore from './functionsCore';

/**
 * Makes `require('@azure/functions-core')` return our stand-in, as the Node worker does with its own
 * module: a proxy on Module.prototype.require, installed before any function file loads.
 */
export function installFunctionsCore(): void {
  const proto = Module.prototype as unknown as { require: (id: string) => unknown; __ferryCore?: boolean };
  if (proto.__ferryCore) return;
  const original = proto.require;
  proto.require = function patchedRequire(this: unknown, id: string) {
    if (id === '@azure/functions-core') return functionsCore;
    return original.call(this, id);
  };
  proto.__ferryCore = true;
}
