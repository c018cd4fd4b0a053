import { placeholderRoute } from "../placeholder-route";

const route = placeholderRoute("models", "member");
export const generateMetadata = route.generateMetadata;
export default route.Page;
