// The one place that says which web origins are the ledger app (PWA) and which extension it talks to. The
// extension's manifest pins `externally_connectable` to these origins at build time, its background trusts
// a message only from them (by the origin the browser stamps on it), and the PWA addresses the extension by
// the id its manifest key gives it. A deployment adds its origin to DEPLOYED_PWA_ORIGINS and rebuilds both.

/** The origin `npm start` serves the PWA on (scripts/start.mjs: 127.0.0.1, port 4173). */
export const LOCAL_PWA_ORIGIN = 'http://127.0.0.1:4173';

/** Where the PWA is deployed (exact origins: scheme, host and port); none yet. */
export const DEPLOYED_PWA_ORIGINS: readonly string[] = [];

/** The origin the end-to-end tests serve the PWA on; trusted only by the test build of the extension. */
export const E2E_PWA_ORIGIN = 'http://127.0.0.1:4391';

/**
 * An origin the end-to-end tests serve the same PWA on to play a forged sender: the test build lets the browser
 * deliver its messages (externally_connectable lists it) so that the background's own origin check is what refuses them.
 */
export const E2E_FOREIGN_ORIGIN = 'http://127.0.0.1:4392';

/** The origins whose pages may pair with the extension: the shipped list, plus the test origin in test builds. */
export function pwaOrigins(e2e: boolean): readonly string[] {
  return [LOCAL_PWA_ORIGIN, ...DEPLOYED_PWA_ORIGINS, ...(e2e ? [E2E_PWA_ORIGIN] : [])];
}

/**
 * The extension's public key (base64 DER SubjectPublicKeyInfo), the manifest's `key`: it fixes the extension's
 * id for unpacked installs, so the PWA can address it. Only the public half exists in the repository; a store
 * listing has its own key, whose public half replaces this one (and EXTENSION_ID with it) for that build.
 */
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmuvfohZBN6kLjRmUd1vB2AotzAmYK7Mc+0VDLLG+kvjuaBqRaLwHzQ9HDuRFgZnNVB7wg4vdL4Q2eGhkIsVrR4kSr+YsKbyQanR5ozuinUJqTcTKHKFoh8r6eX612NYCCPoFADJf7YV2XRyH47LxPWHsVHDLhHK20uHDZOfYdQ3I5bNIONytwVmcMrXTNNqAW/cSzvGpyVURgfbEL9/+S44uBX1KCXK2Yo+GGLlzSx7tvXO/nvOvo1ECeLefp4MnDS/cIJMKutb7vXxbqPs9gVykDPrszZ7hBEt0eW+FoU7CqbJfxyg6wr1sBB9saiyOs9CjdJ0UJTWJco8oeUQmiwIDAQAB';

/** The id Chrome derives from EXTENSION_KEY (checked by core/bridge/config.test.ts). */
export const EXTENSION_ID = 'eaoailcnidfaeehbilahhdpcheghnfog';
