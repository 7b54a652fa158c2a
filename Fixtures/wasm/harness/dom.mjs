// A minimal DOM for running omni.js in node: elements, text, comments, templates with an
// HTML parser for the markup omni modules render, events, and a serializer that leaves out
// hydration markers (to compare with the reference renderer's HTML).
const SVG = 'http://www.w3.org/2000/svg'
const HTMLNS = 'http://www.w3.org/1999/xhtml'
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '))

class Node {
  constructor (type) { this.nodeType = type; this.parentNode = null; this.childNodes = [] }
  get firstChild () { return this.childNodes[0] || null }
  get nextSibling () {
    const p = this.parentNode
    if (!p) return null
    return p.childNodes[p.childNodes.indexOf(this) + 1] || null
  }
  insertBefore (n, ref) {
    if (n.nodeType === 11) { for (const c of [...n.childNodes]) this.insertBefore(c, ref); return n }
    if (n.parentNode) n.parentNode.removeChild(n)
    const i = ref ? this.childNodes.indexOf(ref) : -1
    if (i < 0) this.childNodes.push(n); else this.childNodes.splice(i, 0, n)
    n.parentNode = this
    return n
  }
  appendChild (n) { return this.insertBefore(n, null) }
  removeChild (n) {
    const i = this.childNodes.indexOf(n)
    if (i >= 0) this.childNodes.splice(i, 1)
    n.parentNode = null
    return n
  }
}

class Text extends Node { constructor (d) { super(3); this.data = d } }
class Comment extends Node { constructor (d) { super(8); this.data = d } }
class Fragment extends Node { constructor () { super(11) } }

class Element extends Node {
  constructor (tag, ns) {
    super(1)
    this.tagName = tag
    this.namespaceURI = ns
    this.attrs = []
    this.listeners = []
    if (tag === 'template') this.content = new Fragment()
  }
  getAttribute (n) { const a = this.attrs.find(a => a[0] === n); return a ? a[1] : null }
  setAttribute (n, v) { const a = this.attrs.find(a => a[0] === n); if (a) a[1] = String(v); else this.attrs.push([n, String(v)]) }
  removeAttribute (n) { this.attrs = this.attrs.filter(a => a[0] !== n) }
  addEventListener (type, fn) { this.listeners.push([type, fn]) }
  set innerHTML (h) {
    const target = this.content || this
    for (const c of [...target.childNodes]) target.removeChild(c)
    parse(h, target, this.namespaceURI)
  }
  querySelectorAll () { return [] }
}

const decode = s => s.replace(/&(amp|lt|gt|quot|#39|#(\d+));/g, (m, n, d) => d ? String.fromCharCode(+d) : { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }[n])

/** Parses the HTML omni renders (well-formed: every non-void element is closed). */
export function parse (h, parent, ns) {
  const stack = [parent]
  const nsOf = () => stack[stack.length - 1].namespaceURI || ns || HTMLNS
  let i = 0
  while (i < h.length) {
    const top = stack[stack.length - 1]
    if (h.startsWith('<!--', i)) {
      const e = h.indexOf('-->', i)
      top.appendChild(new Comment(h.slice(i + 4, e)))
      i = e + 3
    } else if (h.startsWith('</', i)) {
      const e = h.indexOf('>', i)
      const tag = h.slice(i + 2, e).trim()
      while (stack.length > 1 && stack.pop().tagName !== tag);
      i = e + 1
    } else if (h[i] === '<') {
      const m = /^<([a-zA-Z][\w-]*)/.exec(h.slice(i))
      const tag = m[1]
      i += m[0].length
      const el = new Element(tag, tag === 'svg' ? SVG : nsOf())
      const attr = /^\s+([^\s=>/]+)(?:="([^"]*)")?/
      let a
      while ((a = attr.exec(h.slice(i)))) { el.setAttribute(a[1], decode(a[2] ?? '')); i += a[0].length }
      while (h[i] === ' ') i++
      const selfClosing = h[i] === '/'
      i = h.indexOf('>', i) + 1
      top.appendChild(el)
      if (!selfClosing && !VOID.has(tag)) stack.push(el)
    } else {
      const e = h.indexOf('<', i)
      const end = e < 0 ? h.length : e
      top.appendChild(new Text(decode(h.slice(i, end))))
      i = end
    }
  }
}

const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const MARKER = /^(o(b|if):\d+|\/ob|\/oif)$/
const HIDDEN = new Set(['data-ob', 'data-oe', 'data-omni', 'data-props'])

/** The HTML of `node`'s children, hydration markers left out (`keepMarkers` keeps them).
 * A bare attribute prints as `name=""`, as browsers serialize it. */
export function serialize (node, keepMarkers = false) {
  let out = ''
  for (const c of node.childNodes) {
    if (c.nodeType === 3) out += esc(c.data)
    else if (c.nodeType === 8) { if (keepMarkers || !MARKER.test(c.data)) out += '<!--' + c.data + '-->' }
    else if (c.nodeType === 1) {
      out += '<' + c.tagName
      for (const [n, v] of c.attrs) if (keepMarkers || !HIDDEN.has(n)) out += ' ' + n + '="' + esc(v) + '"'
      out += '>'
      if (VOID.has(c.tagName) && !c.childNodes.length) continue
      out += serialize(c, keepMarkers) + '</' + c.tagName + '>'
    }
  }
  return out
}

/** Every event listener under `node`, in document order (then registration order). */
export function listeners (node, out = []) {
  for (const c of node.childNodes) {
    if (c.nodeType !== 1) continue
    for (const [type, fn] of c.listeners) out.push({ type, fn, el: c })
    listeners(c, out)
  }
  return out
}

export const document = {
  createElement: tag => new Element(tag, HTMLNS),
  createTextNode: d => new Text(d)
}

/** `html` parsed and serialized again: the normal form both sides are compared in. */
export function normalize (html) {
  const root = new Element('div', HTMLNS)
  parse(html, root)
  return serialize(root)
}
