// A static file server for the browser test: serves <dir> on 127.0.0.1 (a free port),
// prints the port, and exits after 60 s.   node serve.mjs <dir>
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join, normalize } from 'node:path'

const dir = process.argv[2]
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' }
const server = createServer(async (req, res) => {
  const path = join(dir, normalize(decodeURIComponent(req.url.split('?')[0])).replace(/^(\.\.[/\\])+/, ''))
  try {
    const body = await readFile(path)
    res.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream' })
    res.end(body)
  } catch {
    res.writeHead(404)
    res.end()
  }
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
setTimeout(() => process.exit(0), 60000)
