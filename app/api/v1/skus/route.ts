// Handlers live in server/routes; Next needs the route file and its segment config here.
export const dynamic = "force-dynamic";
export { GET, POST } from "@/server/routes/v1/skus";
