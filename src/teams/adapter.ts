// Not the package index: see bot.ts.
import { TeamsAdapter } from "@microsoft/teams-ai/lib/TeamsAdapter.js";
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from "botframework-connector";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { installSigningKeyCaches } from "./signing-keys.js";

/**
 * A botbuilder CloudAdapter (teams-ai's TeamsAdapter extends it) configured through
 * ConfigurationBotFrameworkAuthentication. Without an app id the adapter accepts
 * unauthenticated activities, which is what local mode and the Agents Playground need;
 * loadConfig makes sure production never gets here without credentials. With credentials, the
 * signing keys that verify incoming tokens are fetched by our bounded cache (signing-keys.ts).
 */
export function createAdapter(config: Config, deps: { logger: Logger; clock: () => Date; credentialsFactory?: ServiceClientCredentialsFactory }): TeamsAdapter {
  if (!config.auth.appId) return new TeamsAdapter({});
  installSigningKeyCaches([config.auth.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl, AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl], {
    timeoutMs: config.auth.metadataTimeoutMs,
    logger: deps.logger,
    clock: deps.clock,
  });
  const credentials = {
    MicrosoftAppId: config.auth.appId,
    MicrosoftAppPassword: config.auth.appPassword,
    MicrosoftAppTenantId: config.auth.tenantId,
    MicrosoftAppType: config.auth.appType,
  };
  if (!config.auth.openIdMetadataUrl && !config.auth.tokenIssuer) return new TeamsAdapter(credentials, deps.credentialsFactory);
  // Setting any endpoint switches botbuilder to "all parameters are explicit": give it the public
  // cloud's values for everything that is not overridden, or tokens stop validating.
  return new TeamsAdapter({
    ...credentials,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${config.auth.tenantId ?? AuthenticationConstants.DefaultChannelAuthTenant}`,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: config.auth.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.auth.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: "urn:botframework:azure",
  }, deps.credentialsFactory);
}
