import http from "node:http";
import next from "next";
import { config } from "@/server/config";
import { clientAddress, type ProxyTrust, parseTrustedProxies } from "./client-address";

/** Set by this server on every request from the socket and the trusted proxies; never from the client. */
export const CLIENT_ADDRESS_HEADER = "x-portico-client-address";

function proxyTrust(): ProxyTrust {
  return { hops: config().PORTICO_PROXY_HOPS, proxies: parseTrustedProxies(config().PORTICO_TRUSTED_PROXIES) };
}

/** What the rest of the portal may rely on about a request before Next sees it. */
function stampClientAddress(request: http.IncomingMessage, trust: ProxyTrust) {
  delete request.headers[CLIENT_ADDRESS_HEADER];
  const forwarded = request.headers["x-forwarded-for"];
  const address = clientAddress(
    request.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trust,
  );
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
}

/**
 * The portal's HTTP server: Next's request handler behind a Node server that owns the socket, so the
 * client's address comes from the connection (and the proxies it is told to trust), not from a header.
 */
export async function startPortalServer(options: { port: number; dev: boolean; dir: string }) {
  const trust = proxyTrust();
  const app = next({ dev: options.dev, dir: options.dir, port: options.port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    stampClientAddress(request, trust);
    void handle(request, response);
  });
  server.on("upgrade", (request, socket, head) => {
    stampClientAddress(request, trust);
    void app.getUpgradeHandler()(request, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  return server;
}
