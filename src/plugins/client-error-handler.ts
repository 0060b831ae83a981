import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError } from 'fastify'
import type { Limits } from '../config-limits.js'

/**
 * Errors Node's HTTP parser raises before a request reaches Fastify (a
 * client too slow to send its headers or body, headers too large, bytes that
 * are not HTTP), answered with the project's error body and the connection
 * closed. The slow-client case is the timeouts' 408.
 */
export function clientErrorHandler(limits: Pick<Limits, 'headersTimeoutMs' | 'requestTimeoutMs'>) {
  return (err: ConnectionError, socket: Socket): void => {
    // a connection reset has nobody to answer
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const [status, message] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [
            408,
            `the request did not arrive in time: its headers must arrive within ${limits.headersTimeoutMs} ms (HEADERS_TIMEOUT_MS) and the whole request within ${limits.requestTimeoutMs} ms (REQUEST_TIMEOUT_MS)`,
          ]
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'the request headers are larger than the server accepts (16 KB)']
          : [400, `the request is not valid HTTP (${err.code})`]
    const body = JSON.stringify({ error: message, status_code: status })
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      )
    }
    socket.destroy()
  }
}
