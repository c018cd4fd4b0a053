import type { DefaultSession } from "next-auth";
import type en from "./messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
  }
}

declare module "next-auth" {
  interface Session {
    expires: DefaultSession["expires"];
    user: { id?: string };
  }
}
