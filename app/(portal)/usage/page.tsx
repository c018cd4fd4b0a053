import { placeholderRoute } from "../placeholder-route";

const route = placeholderRoute("usage", "member");
export const generateMetadata = route.generateMetadata;
export default route.Page;
