// The OpenID provider the end-to-end suite signs in at (playwright.config.ts starts it): oidc-provider, a
// certified implementation, on loopback, with the portal as its one client and the accounts of
// identities.ts. Its one interaction is a login form that asks which account; the portal is treated as a
// first-party client, so there is no consent step.
//
// Plain http on loopback: the provider marks its cookies Secure only for https requests (or those a trusted
// proxy forwards as https, `provider.proxy`), and nothing sits in front of it here, so neither applies.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import Provider, { type Configuration, type JWK, type KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";
import { IDP_ACCOUNTS, type IdpAccount, SSO_CLIENT } from "./identities";

const env = z.object({ E2E_OIDC_ISSUER: z.url(), E2E_PORTAL_URL: z.url() }).parse(process.env);
const accounts: IdpAccount[] = Object.values(IDP_ACCOUNTS);

/** The portal is the provider's own client: everything it asks for is granted without a consent screen. */
async function firstPartyGrant(ctx: KoaContextWithOIDC) {
  const { session, client, result } = ctx.oidc;
  const grantId = result?.consent?.grantId ?? session?.grantIdFor(client!.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session!.accountId });
  grant.addOIDCScope("openid email profile");
  await grant.save();
  return grant;
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const configuration: Configuration = {
  clients: [
    {
      client_id: SSO_CLIENT.id,
      client_secret: SSO_CLIENT.secret,
      redirect_uris: [`${env.E2E_PORTAL_URL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // Keys of its own, not the development ones the package warns about.
  jwks: { keys: [{ ...(privateKey.export({ format: "jwk" }) as JWK), kid: "e2e", alg: "RS256", use: "sig" }] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: false } },
  findAccount(_ctx, sub) {
    const account = accounts.find((a) => a.sub === sub);
    if (!account) return undefined;
    const { email, email_verified, name } = account;
    return { accountId: sub, claims: () => ({ sub, email, email_verified, name }) };
  },
  loadExistingGrant: firstPartyGrant,
};
const provider = new Provider(env.E2E_OIDC_ISSUER, configuration);

const loginPage = (uid: string, problem?: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${SSO_CLIENT.name}: sign in</title></head>
<body><main><h1>${SSO_CLIENT.name}</h1>${problem ? `<p role="alert">${problem}</p>` : ""}
<form method="post" action="/interaction/${uid}">
<label>Account <input name="login" autocomplete="username" required></label>
<button type="submit">Continue</button>
</form></main></body></html>`;

function send(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

/** GET shows the login form; POST signs in as the account named, and hands back to the provider. */
async function interaction(req: http.IncomingMessage, res: http.ServerResponse) {
  const { uid, prompt } = await provider.interactionDetails(req, res);
  if (prompt.name !== "login") return send(res, 501, `prompt ${prompt.name} is not implemented`);
  if (req.method !== "POST") return send(res, 200, loginPage(uid));
  const login = (await formBody(req)).get("login");
  const account = accounts.find((a) => a.login === login);
  if (!account) return send(res, 400, loginPage(uid, "No such account."));
  const signedIn = { login: { accountId: account.sub } };
  await provider.interactionFinished(req, res, signedIn, { mergeWithLastSubmission: false });
}

const endpoints = provider.callback();
const { hostname, port } = new URL(env.E2E_OIDC_ISSUER);
http
  .createServer((req, res) => {
    if (!req.url?.startsWith("/interaction/")) return void endpoints(req, res);
    interaction(req, res).catch((error: unknown) => {
      console.error("[oidc] interaction failed:", error);
      if (!res.headersSent) send(res, 500, "interaction failed");
    });
  })
  .listen(Number(port), hostname, () => console.log(`[oidc] provider at ${env.E2E_OIDC_ISSUER}`));
