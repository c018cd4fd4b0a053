// Handlers live in server/routes; Next needs the route file and its segment config here.
export const dynamic = "force-dynamic";
export { GET } from "@/server/routes/v1/sku";
