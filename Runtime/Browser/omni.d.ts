// omni.d.ts: the API of omni.js (Sources/OmniWasmGen/HYDRATION.md).

/** A mounted component; `<Name>.d.ts` narrows `exports` per module. */
export interface OmniInstance {
  readonly name: string | null;
  readonly root: Element;
  readonly exports: WebAssembly.Exports;
}

/**
 * Mounts one component on `root`, the element carrying `data-omni="Name"` and the server
 * markup. `source` is the module's URL, its bytes or a compiled module; `props` defaults
 * to the JSON in `root`'s `data-props` attribute.
 */
export declare function mount(root: Element, source: string | BufferSource | WebAssembly.Module, props?: Record<string, unknown>): Promise<OmniInstance>;

/** Mounts every `[data-omni]` element under `root`, loading `<Name>.wasm` relative to `base` (default: beside omni.js). */
export declare function hydrate(root?: ParentNode, base?: string | URL): Promise<OmniInstance[]>;

/** The markup, with hydration markers, that a module renders for `props` (what a server would send). */
export declare function html(source: string | BufferSource | WebAssembly.Module, props?: Record<string, unknown>): Promise<string>;
