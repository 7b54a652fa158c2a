// The differential check of the Swift server renderer against the WASM module and omni.js
// (Tests/OmniSwiftGenTests/ComponentSSRDifferentialTests.swift).
//   node ssr-diff.mjs <omni.js> <cases.json>
// cases.json: [{ name, wasm (path), props, swift (the Swift SSR's HTML, root element included) }].
// For each case prints { root, props, swift, wasm, hydrated, error }, every markup in the fake
// DOM's normal form with hydration markers kept:
//   root     — the root element's tag and `data-omni`
//   props    — `data-props` parsed
//   swift    — the root's children as the Swift SSR wrote them
//   wasm     — the module's own server markup (`$html`) for the same props
//   hydrated — the root's children after omni.js mounted the module on the Swift markup,
//              reading the props from `data-props`
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { document, parse, serialize } from '../../../wasm/harness/dom.mjs'

const [glue, casesFile] = process.argv.slice(2)
globalThis.document = document
console.log = () => {}
const omni = await import(pathToFileURL(glue).href)
const out = []
for (const c of JSON.parse(readFileSync(casesFile, 'utf8'))) {
  const r = { root: '', props: null, swift: '', wasm: '', hydrated: '', error: null }
  try {
    const bytes = readFileSync(c.wasm)
    const host = document.createElement('div')
    parse(c.swift, host)
    const root = host.childNodes[0]
    r.root = root.tagName + ' ' + root.getAttribute('data-omni') + ' ' + host.childNodes.length
    r.props = JSON.parse(root.getAttribute('data-props'))
    r.swift = serialize(root, true)
    const wasmRoot = document.createElement('div')
    parse(await omni.html(bytes, c.props), wasmRoot)
    r.wasm = serialize(wasmRoot, true)
    await omni.mount(root, bytes)
    r.hydrated = serialize(root, true)
  } catch (e) {
    r.error = String((e && e.stack) || e)
  }
  out.push(r)
}
process.stdout.write(JSON.stringify(out))
