/**
 * The portal's Content-Security-Policy: scripts only from the portal with this response's nonce (Next
 * puts it on its own scripts), never inline ones an injected string could smuggle in; no framing.
 * Styles may be inline: React's style attributes need it, and CSS cannot run script.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce per response. */
export const newNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");

/** Browsers keep to HTTPS for a year once they have seen the portal over it; never sent over plain HTTP. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
