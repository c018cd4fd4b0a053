/**
 * Where to send a user after signing in: a path on the portal's own origin, or "/". The value is
 * resolved as a browser would (backslashes, tabs and newlines, `//host`, schemes, and whatever the
 * query string decoded them from) and kept only when it lands on `origin`: an open redirect would let
 * a link carry users off to a look-alike page after a real sign-in.
 */
export function sameOriginPath(requested: string | undefined, origin: string): string {
  if (!requested) return "/";
  try {
    const target = new URL(requested, origin);
    if (target.origin !== new URL(origin).origin) return "/";
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return "/";
  }
}

/** The portal's public origin (NEXTAUTH_URL; `npm start` sets it). */
export const portalOrigin = () => process.env.NEXTAUTH_URL ?? "http://localhost:3000";
