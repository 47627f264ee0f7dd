import type { ServiceClientCredentials, ServiceClientCredentialsFactory } from "botframework-connector";

/**
 * Signs the bot's calls to the (mock) Bot Connector with a fixed local token, in place of a
 * token from Microsoft's login service, which no test may reach (the network is sealed).
 */
class LocalTokenCredentials implements ServiceClientCredentials {
  async signRequest<T extends { headers: { set(name: string, value: string): void } }>(request: T): Promise<T> {
    request.headers.set("authorization", "Bearer local-test-token");
    return request;
  }
}

export function createLocalConnectorCredentials(appId: string | null): ServiceClientCredentialsFactory {
  return {
    // botbuilder also asks this to check the audience of incoming tokens: only the bot's own id.
    isValidAppId: async (id: string) => appId !== null && id === appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async () => new LocalTokenCredentials() as never,
  } as ServiceClientCredentialsFactory;
}
