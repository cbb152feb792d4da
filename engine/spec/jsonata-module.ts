import type Jsonata from 'jsonata';

export type JsonataModule = typeof Jsonata;

let jsonataModule_: JsonataModule | undefined;

/** The Node loader, reached without importing 'node:module', so this file also builds for the renderer. */
type NodeModuleApi = { createRequire(from: string): (id: string) => unknown };
const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;

/**
 * jsonata, loaded on the first expression compiled: a job without a filter or map never loads it.
 * Synchronous, as the spec schema checks expressions while it parses: in Node it is required on
 * first use; the renderer (no Node) provides it at start (`provideJsonata`).
 */
export function jsonataModule(): JsonataModule {
  if (jsonataModule_ !== undefined) return jsonataModule_;
  const nodeModule = nodeProcess?.getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
  if (!nodeModule) throw new Error('jsonata was not provided to this page (provideJsonata at start; a bug)');
  jsonataModule_ = nodeModule.createRequire(import.meta.url)('jsonata') as JsonataModule;
  return jsonataModule_;
}

/** Hands jsonata over where it cannot be required on demand (the renderer, from its entry point). */
export function provideJsonata(module: JsonataModule): void {
  jsonataModule_ ??= module;
}
