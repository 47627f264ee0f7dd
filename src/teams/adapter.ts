import { TeamsAdapter } from "@microsoft/teams-ai";
import { AuthenticationConstants } from "botframework-connector";
import type { Config } from "../config.js";

/**
 * A botbuilder CloudAdapter (teams-ai's TeamsAdapter extends it) configured through
 * ConfigurationBotFrameworkAuthentication. Without an app id the adapter accepts
 * unauthenticated activities, which is what local mode and the Agents Playground need;
 * loadConfig makes sure production never gets here without credentials.
 */
export function createAdapter(config: Config): TeamsAdapter {
  if (!config.auth.appId) return new TeamsAdapter({});
  const credentials = {
    MicrosoftAppId: config.auth.appId,
    MicrosoftAppPassword: config.auth.appPassword,
    MicrosoftAppTenantId: config.auth.tenantId,
    MicrosoftAppType: config.auth.appType,
  };
  if (!config.auth.openIdMetadataUrl && !config.auth.tokenIssuer) return new TeamsAdapter(credentials);
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
  });
}
