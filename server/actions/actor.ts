import type { Caller } from "@/server/auth/caller";
import type { Actor } from "@/server/services/audit/record-audit";

export const actorOf = (caller: Caller): Actor => ({ userId: caller.userId, email: caller.email });
