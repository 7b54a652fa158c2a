// omni.js: mounts omni components' WebAssembly modules on server-rendered markup.
// The markup contract and the module's imports are in Sources/OmniWasmGen/HYDRATION.md.
const M = 'toUpperCase toLowerCase trim trimStart trimEnd includes startsWith endsWith indexOf lastIndexOf slice substring charAt repeat replace replaceAll'.split(' ')
const SVG = 'http://www.w3.org/2000/svg'

/** Instantiates a module; sets its props (default: `root`'s `data-props`) and runs its script. */
async function load (source, props, root) {
  let x
  const N = []
  const D = new TextDecoder('utf-16le')
  const S = p => D.decode(new Uint16Array(x.$mem.buffer, p + 4, new Int32Array(x.$mem.buffer, p, 1)[0]))
  const W = s => {
    s = String(s)
    const p = x.$a(4 + 2 * s.length)
    const b = x.$mem.buffer
    const u = new Uint16Array(b, p + 4, s.length)
    new Int32Array(b, p, 1)[0] = s.length
    for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i)
    return p
  }
  // A prop in module memory (HYDRATION.md §7): an array is [len][cap][data] + 8-byte slots.
  const V = v => {
    if (typeof v === 'string') return W(v)
    if (!Array.isArray(v)) return +v
    const e = v.map(V)
    const p = x.$a(16 + 8 * e.length)
    const d = new DataView(x.$mem.buffer, p)
    ;[e.length, e.length, p + 16].forEach((y, i) => d.setInt32(4 * i, y, true))
    e.forEach((y, i) => typeof v[i] === 'number' ? d.setFloat64(16 + 8 * i, y, true) : d.setInt32(16 + 8 * i, y, true))
    return p
  }
  const on = (el, type, id) => el.addEventListener(type, e => {
    const t = e.target || {}
    const p = x.$a(16)
    const v = [W(e.type), W(t.value ?? ''), t.checked ? 1 : 0, W(e.key ?? '')]
    new Int32Array(x.$mem.buffer, p, 4).set(v)
    x.$h(id, p)
  })
  const visit = c => {
    if (c.nodeType === 8) {
      const m = /^o(b|if):(\d+)$/.exec(c.data)
      if (m && m[1] === 'b') {
        let t = c.nextSibling
        if (!t || t.nodeType !== 3) c.parentNode.insertBefore(t = document.createTextNode(''), c.nextSibling)
        N[m[2]] = t
      } else if (m) N[m[2]] = c
    } else if (c.nodeType === 1 && c.getAttribute('data-omni') == null) {
      const k = c.getAttribute('data-ob')
      const e = c.getAttribute('data-oe')
      if (k != null) N[k] = c
      if (e) for (const h of e.split(' ')) { const [type, id] = h.split(':'); on(c, type, +id) }
      scan(c)
    }
  }
  const scan = n => { for (let c = n.firstChild; c; c = c.nextSibling) visit(c) }
  const o = {
    n: v => W(v),
    t: (k, s) => { N[k].data = S(s) },
    a: (k, n, v) => {
      const el = N[k]
      n = S(n)
      if (v) {
        el.setAttribute(n, v = S(v))
        if (n === 'value' && 'value' in el) el.value = v
      } else el.removeAttribute(n)
    },
    r: (k, h) => {
      const s = N[k]
      const p = s.parentNode
      let c = s.nextSibling
      for (let d = 0; c;) {
        if (c.nodeType === 8 && c.data.startsWith('oif:')) d++
        else if (c.nodeType === 8 && c.data === '/oif' && !d--) break
        const next = c.nextSibling
        p.removeChild(c)
        c = next
      }
      const t = document.createElement('template')
      const svg = p.namespaceURI === SVG
      t.innerHTML = svg ? '<svg>' + S(h) + '</svg>' : S(h)
      const f = svg ? t.content.firstChild : t.content
      for (const n of [...f.childNodes]) { p.insertBefore(n, c); visit(n) }
    },
    e: (k, n, id) => on(N[k], S(n), id),
    l: s => console.log(S(s)),
    p: Math.pow,
    m: (a, b) => a % b,
    x: Math.random,
    s1: (i, s) => W(S(s)[M[i]]()),
    s2: (i, s, t) => +S(s)[M[i]](S(t)),
    s3: (i, s, a, b) => W(S(s)[M[i]](...[a, b].filter(v => v === v))),
    s4: (i, s, a, b) => W(S(s)[M[i]](S(a), S(b))),
    u: (i, s) => [Number, parseFloat, parseInt][i](S(s)),
    f: (v, d) => W(v.toFixed(d === d ? d : 0))
  }
  const r = await WebAssembly.instantiate(typeof source === 'string' ? await (await fetch(source)).arrayBuffer() : source, { o })
  x = (r.instance || r).exports
  for (const [k, v] of Object.entries(props || JSON.parse((root && root.getAttribute('data-props')) || '{}'))) {
    const set = x['$p_' + k]
    if (set && v != null) set(V(v))
  }
  x.$i()
  return { x, S, scan }
}

/** Mounts one component: `root` holds its server markup; `source` is the module (URL, bytes or WebAssembly.Module). */
export async function mount (root, source, props) {
  const { x, scan } = await load(source, props, root)
  scan(root)
  x.$m()
  return { name: root.getAttribute('data-omni'), root, exports: x }
}

/** The markup (with hydration markers) a module renders for `props`: what a server sends. */
export async function html (source, props) {
  const { x, S } = await load(source, props || {})
  return S(x.$html())
}

/** Mounts every `[data-omni]` element under `root`, loading `<Name>.wasm` from `base` (default: beside omni.js). */
export function hydrate (root = document, base = import.meta.url) {
  return Promise.all([...root.querySelectorAll('[data-omni]')].map(el => mount(el, new URL(el.getAttribute('data-omni') + '.wasm', base).href)))
}
