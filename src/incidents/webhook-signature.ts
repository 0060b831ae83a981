import { createHmac, timingSafeEqual } from 'node:crypto'

/** Value of the X-Vigil-Signature header: `sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/** What a receiver does: recompute over the raw bytes received and compare in constant time. */
export function verifySignature(body: string | Uint8Array, secret: string, header: string | undefined): boolean {
  if (header === undefined) return false
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
