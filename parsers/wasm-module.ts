/**
 * What the WebAssembly readers of parsers/ (status-lines, column-lines) share: the part of the
 * WebAssembly global they use, and one instance of each per thread, made on first use.
 */

/** The part of the WebAssembly global used here (its types come with the DOM library, which a Node build leaves out). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** The SIMD loads of both modules read up to this many bytes past a piece's end. */
export const LOAD_SLACK = 16;

/** The exports of a new instance of `module`. */
export const exportsOf = (module: object): unknown => new wasm!.Instance(module).exports;

/**
 * A function giving the thread's one object over the module `base64` (the bytes a generated
 * *-wasm.ts holds), made by `make` on first use: a piece is loaded and read within one synchronous
 * call, so callers never share it half-way, and a folder of thousands of files makes one, not one
 * each. It gives undefined where this Node cannot run the module (`--jitless` has no WebAssembly; a
 * CPU without SSE4.1 no SIMD): every line is then read as before.
 */
export function perThread<T>(base64: string, make: (module: object) => T): () => T | undefined {
  let made: T | null | undefined;
  return () => {
    if (made === undefined) {
      try {
        made = make(new wasm!.Module(Buffer.from(base64, 'base64')));
      } catch {
        made = null;
      }
    }
    return made ?? undefined;
  };
}
