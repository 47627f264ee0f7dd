import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Config } from "../config.js";

/**
 * A botbuilder CloudAdapter (teams-ai's TeamsAdapter extends it) configured through
 * ConfigurationBotFrameworkAuthentication. Without an app id the adapter accepts
 * unauthenticated activities, which is what local mode and the Agents Playground need;
 * loadConfig makes sure production never gets here without credentials.
 */
export function createAdapter(config: Config): TeamsAdapter {
  if (!config.auth.appId) return new TeamsAdapter({});
  return new TeamsAdapter({
    MicrosoftAppId: config.auth.appId,
    MicrosoftAppPassword: config.auth.appPassword,
    MicrosoftAppTenantId: config.auth.tenantId,
    MicrosoftAppType: config.auth.appType,
  });
}
