// Runs a component's module with omni.js on the fake DOM, the way IREvaluator runs the IR:
// the initial render, then `steps` interactions (step k calls listener k mod n of the
// current DOM, in document order, with { type, target: { value: "input<k>", checked:
// k even }, key: "Enter" }). Prints JSON { ssr, renders, log }.
//   node run.mjs <omni.js> <module.wasm> <steps> [props JSON] [expected renders JSON file]
// With an expected file, also prints `expected`: those renders in the same normal form.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { document, parse, serialize, listeners, normalize } from './dom.mjs'

const [glue, wasm, stepsText, propsText, expectFile] = process.argv.slice(2)
globalThis.document = document
const log = []
console.log = (...a) => log.push(a.join(' '))
const omni = await import(pathToFileURL(glue).href)
const bytes = readFileSync(wasm)
const props = propsText ? JSON.parse(propsText) : {}
const result = { ssr: '', renders: [], log, error: null }
try {
  result.ssr = await omni.html(bytes, props)
  const root = document.createElement('div')
  root.setAttribute('data-omni', 'C')
  parse(result.ssr, root)
  await omni.mount(root, bytes, props)
  result.renders.push(serialize(root))
  result.marked = serialize(root, true)
  for (let k = 0; k < +stepsText; k++) {
    const ls = listeners(root)
    if (!ls.length) break
    const l = ls[k % ls.length]
    l.fn({ type: l.type, target: { value: 'input' + k, checked: k % 2 === 0 }, key: 'Enter' })
    result.renders.push(serialize(root))
  }
} catch (e) {
  result.error = String(e && e.stack || e)
}
if (expectFile) result.expected = JSON.parse(readFileSync(expectFile, 'utf8')).map(normalize)
result.ssrPlain = normalize(result.ssr)
process.stdout.write(JSON.stringify(result))
