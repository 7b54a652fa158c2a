// OmniWasmGen: the optimized IR compiled to WebAssembly through Binaryen (docs/ARCHITECTURE.md).
