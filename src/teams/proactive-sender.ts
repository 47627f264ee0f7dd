import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext, type ConversationReference } from "botbuilder";
import type { ServiceClientCredentialsFactory } from "botframework-connector";
import type { Config } from "../config.js";
import { parseRetryAfter, type SendFailure } from "../domain/delivery/retry-policy.js";
import { AppError } from "../errors.js";
import { DeliverySendError, type DeliverySender, type OutboundActivity } from "../services/delivery/sender.js";

type ConnectorFactoryLike = ReturnType<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>;
type ConnectorClientLike = Awaited<ReturnType<ConnectorFactoryLike["create"]>>;
type PipelineRequestLike = { timeout: number };
type PipelineLike = {
  removePolicy: (options: { phase?: string; name?: string }) => unknown;
  addPolicy: (policy: { name: string; sendRequest: (request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<unknown>) => Promise<unknown> }) => void;
};

/**
 * The connector client that botbuilder creates retries 429 and 5xx on its own (three times,
 * honouring Retry-After). For proactive delivery that is wrong twice over: those hidden
 * requests are not counted against Teams' limits, and a retried send whose first answer was
 * lost arrives twice without anyone knowing. So every client made for delivery gets its retry
 * policy removed and a per-request timeout; the dispatcher decides about retries itself.
 */
function tuneConnectorClient(client: unknown, requestTimeoutMs: number): void {
  const pipeline = (client as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== "function" || typeof pipeline.addPolicy !== "function") {
    throw new AppError("INTERNAL", "botbuilder connector client has no request pipeline: cannot disable its hidden retries");
  }
  pipeline.removePolicy({ phase: "Retry" });
  pipeline.addPolicy({
    name: "aanjagerRequestTimeout",
    sendRequest: (request, next) => {
      request.timeout = requestTimeoutMs;
      return next(request);
    },
  });
}

class DeliveryAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    private readonly requestTimeoutMs: number,
    credentialsFactory?: ServiceClientCredentialsFactory,
  ) {
    super(options, credentialsFactory);
  }

  private readonly clients = new Map<string, Promise<ConnectorClientLike>>();

  override createConnectorFactory(claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>[0]): ConnectorFactoryLike {
    const inner = super.createConnectorFactory(claimsIdentity);
    const timeout = this.requestTimeoutMs;
    const clients = this.clients;
    const appId = claimsIdentity.claims.find((c) => c.type === "appid")?.value ?? "";
    return {
      // One client per service url (and app and audience), made once: botbuilder would build a
      // new client with its whole request pipeline for every message, which at thousands of
      // messages is most of the dispatcher's memory churn. The credentials inside refresh
      // their own tokens.
      create(serviceUrl: string, audience?: string) {
        const key = `${appId}|${serviceUrl}|${audience ?? ""}`;
        let client = clients.get(key);
        if (!client) {
          client = inner.create(serviceUrl, audience).then((c) => {
            tuneConnectorClient(c, timeout);
            return c;
          });
          client.catch(() => clients.delete(key));
          clients.set(key, client);
        }
        return client;
      },
    };
  }
}

/**
 * A CloudAdapter for proactive messages only, with the same credentials as the bot's adapter.
 * Separate on purpose: the bot's adapter has the turn error handler of the teams-ai
 * Application attached, which would answer a failed proactive send by posting an apology into
 * the recipient's chat; here a failure goes back to the dispatcher as an error.
 */
export function createProactiveAdapter(config: Config, credentialsFactory?: ServiceClientCredentialsFactory): CloudAdapter {
  const options = config.auth.appId
    ? { MicrosoftAppId: config.auth.appId, MicrosoftAppPassword: config.auth.appPassword, MicrosoftAppTenantId: config.auth.tenantId, MicrosoftAppType: config.auth.appType }
    : {};
  return new CloudAdapter(new DeliveryAuthentication(options, config.delivery.requestTimeoutMs, credentialsFactory));
}

const NOT_DELIVERED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** A botbuilder RestError (or a network error) as a SendFailure. */
export function readSendFailure(error: unknown, nowMs: number): SendFailure {
  const e = (error ?? {}) as { statusCode?: number; code?: string; name?: string; details?: { error?: { code?: string } }; response?: { headers?: { get?: (name: string) => string | undefined } } };
  const status = typeof e.statusCode === "number" ? e.statusCode : null;
  const code = e.details?.error?.code ?? e.code ?? (e.name === "AbortError" ? "Timeout" : null);
  const retryAfter = typeof e.response?.headers?.get === "function" ? e.response.headers.get("retry-after") : undefined;
  return {
    status,
    code: code ?? null,
    retryAfterMs: parseRetryAfter(retryAfter, nowMs),
    // Without a response we cannot know whether Teams got the request, unless it never left.
    ambiguous: status === null && !(code && NOT_DELIVERED_CODES.has(code)),
  };
}

function sendingReference(reference: unknown): Partial<ConversationReference> {
  const ref = { ...(reference as Partial<ConversationReference>) };
  // A new message, not a reply to whatever activity the reference was captured from.
  delete ref.activityId;
  return ref;
}

/**
 * DeliverySender over the Bot Framework: `continueConversationAsync` to send and update,
 * `createConversationAsync` to open a 1:1 chat. Errors inside the turn logic are caught there,
 * so the adapter's turn error handling never sees them.
 */
export function createBotFrameworkSender(adapter: CloudAdapter, config: Config): DeliverySender {
  const appId = config.auth.appId ?? "";

  async function withTurn(reference: Partial<ConversationReference>, logic: (turn: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown = null;
    try {
      await adapter.continueConversationAsync(appId, reference, async (turn) => {
        try {
          // The continuation activity carries a made-up id, which botbuilder would turn into a
          // reply (POST .../activities/{id}). A proactive message is a new message in the conversation.
          turn.onSendActivities(async (_ctx, activities, next) => {
            for (const activity of activities) delete activity.replyToId;
            return next();
          });
          await logic(turn);
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== null) throw new DeliverySendError(readSendFailure(failure, Date.now()), undefined, { cause: failure });
  }

  return {
    async send(reference, activity: OutboundActivity) {
      let activityId: string | null = null;
      await withTurn(sendingReference(reference), async (turn) => {
        const response = await turn.sendActivity({ type: "message", ...activity });
        activityId = response?.id ?? null;
      });
      return { activityId };
    },
    async update(reference, activityId, activity: OutboundActivity) {
      await withTurn(sendingReference(reference), async (turn) => {
        await turn.updateActivity({ type: "message", ...activity, id: activityId });
      });
    },
    async createPersonalConversation(input) {
      let created: Partial<ConversationReference> | null = null;
      try {
        await adapter.createConversationAsync(
          appId,
          "msteams",
          input.serviceUrl,
          // undefined: the adapter's default audience (an empty string would request a token for no one).
          undefined as unknown as string,
          {
            isGroup: false,
            bot: { id: input.botId, name: "Aanjager" },
            members: [{ id: input.userId, name: "", ...(input.userAadObjectId ? { aadObjectId: input.userAadObjectId } : {}) }],
            tenantId: input.tenantId ?? undefined,
            channelData: input.tenantId ? { tenant: { id: input.tenantId } } : undefined,
          },
          async (turn) => {
            created = TurnContext.getConversationReference(turn.activity);
          },
        );
      } catch (error) {
        throw new DeliverySendError(readSendFailure(error, Date.now()), undefined, { cause: error });
      }
      const reference = created as Partial<ConversationReference> | null;
      const conversationId = reference?.conversation?.id;
      if (!reference || !conversationId) throw new DeliverySendError({ status: null, code: "NoConversationId", retryAfterMs: null, ambiguous: false });
      return {
        conversationId,
        reference: {
          ...reference,
          activityId: undefined,
          user: { id: input.userId, ...(input.userAadObjectId ? { aadObjectId: input.userAadObjectId } : {}) },
          conversation: { ...reference.conversation, conversationType: "personal", tenantId: input.tenantId ?? undefined },
        },
      };
    },
  };
}
