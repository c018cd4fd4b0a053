import { placeholderRoute } from "@/components/shell/placeholder-page";

const route = placeholderRoute("fleet", "platform-admin");
export const generateMetadata = route.generateMetadata;
export default route.Page;
