import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

/**
 * Issue 15: 200 connections that sent headers and trickled a body were all
 * still open after 100 s. Now a client gets HEADERS_TIMEOUT_MS for its
 * headers and REQUEST_TIMEOUT_MS for the whole request, then a 408 with the
 * project's error body and a closed connection. (Short timeouts here; the
 * defaults are 10 s and 60 s.) Over a real socket: inject() has no clock.
 */
describe('slow clients', () => {
  let t: TestApp
  let port = 0
  beforeAll(async () => {
    t = await buildTestApp({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '800' })
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    port = (t.app.server.address() as AddressInfo).port
  })
  afterAll(async () => t.close())

  /** Send `head` at once, then one byte of `trickle` every 100 ms until the server closes the connection (at most 60 bytes). */
  function trickle(head: string, trickled: string): Promise<{ answer: string; closed: boolean; sentBytes: number }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1')
      let answer = ''
      let sentBytes = 0
      socket.setEncoding('utf8')
      socket.on('data', (d: string) => {
        answer += d
      })
      socket.on('error', reject)
      socket.on('close', () => {
        clearInterval(timer)
        resolve({ answer, closed: true, sentBytes })
      })
      socket.write(head)
      const timer = setInterval(() => {
        if (socket.destroyed) return
        if (sentBytes >= 60) {
          clearInterval(timer)
          socket.destroy()
          resolve({ answer, closed: false, sentBytes })
          return
        }
        socket.write(trickled[sentBytes % trickled.length] ?? ' ')
        sentBytes++
      }, 100)
    })
  }

  it('a body trickled byte by byte → 408 naming REQUEST_TIMEOUT_MS, connection closed', async () => {
    const { answer, closed, sentBytes } = await trickle(
      'POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      '{"model_id": "m", "data": {}}',
    )
    expect(closed).toBe(true)
    expect(sentBytes).toBeLessThan(60)
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: string; status_code: number }
    expect(body.status_code).toBe(408)
    expect(body.error).toMatch(/the whole request within 800 ms \(REQUEST_TIMEOUT_MS\)/)
  })

  it('headers trickled byte by byte → 408 naming HEADERS_TIMEOUT_MS, connection closed', async () => {
    const { answer, closed } = await trickle('GET /health HTTP/1.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')
    expect(closed).toBe(true)
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(answer).toMatch(/headers must arrive within 300 ms \(HEADERS_TIMEOUT_MS\)/)
  })

  it('a client that is not slow is served as before', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health`)
    expect(res.status).toBe(200)
  })
})
