import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

// Public by nature: this is where signing in happens.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
