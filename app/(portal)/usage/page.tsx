import { placeholderRoute } from "@/components/shell/placeholder-page";

const route = placeholderRoute("usage", "member");
export const generateMetadata = route.generateMetadata;
export default route.Page;
