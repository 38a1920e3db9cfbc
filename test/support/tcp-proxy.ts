/** A TCP proxy a test controls: cut it to make a server unreachable, open it to bring it back. */
import { connect, createServer, type Server, type Socket } from 'node:net'
import { freePort } from './redis-server.ts'

export interface TcpProxy {
  port: number
  /** Refuses new connections and drops every open one (the server looks down). */
  cut(): Promise<void>
  /** Accepts connections again, on the same port. */
  open(): Promise<void>
  close(): Promise<void>
}

/** Starts a proxy on a free loopback port to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort()
  const sockets = new Set<Socket>()
  let server: Server | undefined
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer((client) => {
        const upstream = connect(target.port, target.host)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => {
            client.destroy()
            upstream.destroy()
          })
        }
        client.pipe(upstream).pipe(client)
      })
      srv.once('error', reject)
      srv.listen(port, '127.0.0.1', () => resolve())
      server = srv
    })
  const cut = async () => {
    const srv = server
    server = undefined
    for (const s of sockets) s.destroy()
    if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()))
  }
  await open()
  return { port, cut, open, close: cut }
}
