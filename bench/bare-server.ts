/**
 * The baseline of the HTTP benchmarks: a bare `node:http` server that reads a JSON body and answers a
 * small JSON envelope, with nothing else (no routing, no auth, no database). Listens on 127.0.0.1:PORT.
 */
import { createServer } from 'node:http'

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8')
    const body: unknown = text ? JSON.parse(text) : {}
    const json = JSON.stringify({ ok: true, data: { echo: typeof body, at: new Date().toISOString() } })
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    res.end(json)
  })
})

server.listen(Number(process.env.PORT), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
