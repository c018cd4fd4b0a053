// Handlers live in server/routes; Next needs the route file and its segment config here.
export const dynamic = "force-dynamic";
export { POST } from "@/server/routes/v1/sku-import";
