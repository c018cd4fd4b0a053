import { placeholderRoute } from "../placeholder-route";

const route = placeholderRoute("pods", "member");
export const generateMetadata = route.generateMetadata;
export default route.Page;
