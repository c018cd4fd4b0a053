// The portal's HTTP server (see server/http/portal-server.ts): `npm start` runs it after migrating and
// building; `npm run dev` runs it with Next's development server.
import { startPortalServer } from "@/server/http/portal-server";

const port = Number(process.env.PORT ?? 3000);
const dev = process.argv.includes("--dev");

startPortalServer({ port, dev, dir: process.cwd() })
  .then(() => console.log(`▲ Ready on http://localhost:${port}${dev ? " (development)" : ""}`))
  .catch((error: unknown) => {
    console.error("[portico] server failed:", error);
    process.exit(1);
  });
