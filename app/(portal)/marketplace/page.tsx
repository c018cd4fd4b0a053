import { placeholderRoute } from "@/components/shell/placeholder-page";

const route = placeholderRoute("marketplace", "member");
export const generateMetadata = route.generateMetadata;
export default route.Page;
