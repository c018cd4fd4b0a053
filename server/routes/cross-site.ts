import { portalOrigin } from "@/server/auth/safe-redirect";
import { forbidden } from "@/server/errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses a state-changing request that a browser sent from another page than the portal's own, before
 * anything of it is read: the session cookie rides along on such requests. Browsers name the sender in
 * `Origin` and `Sec-Fetch-Site`; `same-site` is refused too, since apps are served on subdomains of the
 * portal's domain. A request with neither header does not come from a web page (curl, scripts).
 */
export function refuseCrossSite(request: Request): void {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(portalOrigin()).origin) throw forbidden();
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw forbidden();
}
