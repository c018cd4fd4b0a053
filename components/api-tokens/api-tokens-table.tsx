import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import type { ApiTokenRow, ApiTokenStatus } from "@/server/services/api-tokens/list-api-tokens";
import { RevokeApiTokenButton } from "./revoke-api-token-button";

const TONES: Record<ApiTokenStatus, "accent" | "warning" | "neutral"> = {
  active: "accent",
  expired: "warning",
  revoked: "neutral",
};

/** Tokens with their owner, lifetime and last use; active ones can be revoked. */
export async function ApiTokensTable({ caption, tokens }: { caption: string; tokens: ApiTokenRow[] }) {
  const [t, tRoles, format] = await Promise.all([
    getTranslations("apiTokens"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const headers = [
    "name",
    "token",
    "scope",
    "owner",
    "createdAt",
    "expiresAt",
    "lastUsed",
    "status",
    "actions",
  ] as const;
  return (
    <Table caption={caption} headers={headers.map((header) => t(header))}>
      {tokens.map((token) => (
        <tr key={token.id} data-testid="api-token-row">
          <Cell className="font-medium">{token.name}</Cell>
          <Cell>
            <code className="whitespace-nowrap text-xs">{`${token.prefix}…`}</code>
          </Cell>
          <Cell>{tRoles(token.scope)}</Cell>
          <Cell>
            <span title={token.owner.email}>{token.owner.name}</span>
          </Cell>
          <Cell className="whitespace-nowrap">{day(token.createdAt)}</Cell>
          <Cell className="whitespace-nowrap">{day(token.expiresAt)}</Cell>
          <Cell className="whitespace-nowrap">
            {token.lastUsedAt
              ? format.dateTime(token.lastUsedAt, { dateStyle: "medium", timeStyle: "short" })
              : t("never")}
          </Cell>
          <Cell>
            <Badge tone={TONES[token.status]}>{t(`statuses.${token.status}`)}</Badge>
          </Cell>
          <Cell>{token.status === "active" && <RevokeApiTokenButton tokenId={token.id} name={token.name} />}</Cell>
        </tr>
      ))}
    </Table>
  );
}
