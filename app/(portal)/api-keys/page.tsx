import { placeholderRoute } from "../placeholder-route";

const route = placeholderRoute("apiKeys", "member");
export const generateMetadata = route.generateMetadata;
export default route.Page;
