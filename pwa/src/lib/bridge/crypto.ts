// The bridge's bits of Web Crypto, shared by the PWA and the extension's service worker (both have crypto.subtle).
import { pairingCode, pairingInput } from '../../../../core/bridge/protocol';

const hex = (bytes: Uint8Array): string => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of text (UTF-8), hex. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** `bytes` random bytes as hex (tokens, nonces, transfer ids). */
export function randomHex(bytes: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The six-digit code both sides show for a pairing request. */
export async function codeFor(origin: string, token: string, nonce: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pairingInput(origin, token, nonce)));
  return pairingCode(new Uint8Array(digest));
}
