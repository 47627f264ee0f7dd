/**
 * The Agents Playground's config file (read from M365_AGENTS_PLAYGROUND_CONFIG_PATH): the Teams
 * tenant it simulates. Without one the bot is "Test Bot" in "My Team" while it greets as
 * "@Aanjager"; here the bot and the team are named as in the Teams app manifest, and the users
 * are the demo region's people (src/demo/demo-region.ts), with fixed conversation ids so that
 * the CLI and the acceptance tests can address them. `npm start` and the e2e stack both use it.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { PLAYGROUND_USERS } from "../demo/demo-region.js";
import { projectRoot } from "../project-root.js";

/** The playground's built-in users, keyed as in src/demo/demo-region.ts (each has roles in the demo region). */
export type PlaygroundUserKey = keyof typeof PLAYGROUND_USERS;

/** Someone the directory does not know: the playground can sign in as any person. */
export type UnknownPerson = { naam: string; email: string; aadObjectId: string };

/** The names under which the playground lists its conversations. */
export type ConversationName = "Personal Chat" | "Group Chat" | "General" | "Announcements";

/** The mock Teams tenant the playground simulates, written to its config file. */
export type PlaygroundWorld = {
  botId: string;
  botName: string;
  currentUser: { id: string; name: string; aadObjectId: string; email: string };
  teamName: string;
  conversationIds: Record<ConversationName, string>;
};

const PLAYGROUND_USER_IDS: Record<PlaygroundUserKey, string> = {
  alex: "user-id-0",
  megan: "user-id-1",
  adele: "user-id-2",
  isaiah: "user-id-3",
  patti: "user-id-4",
  lynne: "user-id-5",
};

function toPlaygroundUser(id: string, person: { naam: string; email: string; aadObjectId: string }) {
  const [givenName, ...rest] = person.naam.split(" ");
  return { id, name: person.naam, userPrincipleName: person.email, aadObjectId: person.aadObjectId, givenName, surname: rest.join(" "), email: person.email };
}

/** The bot's name (name.short) and the team's (the developer: the region's programme) as the manifest has them. */
export function readManifestNames(manifestPath = path.join(projectRoot, "manifest", "manifest.json")): { botName: string; teamName: string } {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { name: { short: string }; developer: { name: string } };
  return { botName: manifest.name.short, teamName: manifest.developer.name };
}

/** The config file's YAML with the chosen person signed in, and the world it describes. */
export function buildPlaygroundConfig(user: PlaygroundUserKey | UnknownPerson): { yaml: string; world: PlaygroundWorld } {
  const all = Object.entries(PLAYGROUND_USERS).map(([key, person]) => toPlaygroundUser(PLAYGROUND_USER_IDS[key as PlaygroundUserKey], person));
  const current = typeof user === "string" ? all.find((u) => u.id === PLAYGROUND_USER_IDS[user])! : toPlaygroundUser("user-id-unknown", user);
  // The playground accepts at most five other users; an unknown person takes the last one's place.
  const others = all.filter((u) => u.id !== current.id).slice(0, 5);
  const { botName, teamName } = readManifestNames();
  const world: PlaygroundWorld = {
    botId: "00000000-0000-0000-0000-00000000000011",
    botName,
    currentUser: { id: current.id, name: current.name, aadObjectId: current.aadObjectId, email: current.email },
    teamName,
    conversationIds: {
      "Personal Chat": "e2e-personal-chat",
      "Group Chat": "e2e-group-chat",
      // The playground gives the General channel the team's id, as Teams does.
      General: "e2e-team",
      Announcements: "e2e-channel-announcements",
    },
  };
  const config = {
    version: "0.1.1",
    tenantId: "00000000-0000-0000-0000-0000000000001",
    bot: { id: world.botId, name: world.botName },
    currentUser: current,
    users: others,
    personalChat: { id: world.conversationIds["Personal Chat"] },
    groupChat: { id: world.conversationIds["Group Chat"], name: "Group Chat" },
    team: {
      id: world.conversationIds.General,
      name: world.teamName,
      aadGroupId: "00000000-0000-0000-0000-000000000031",
      channels: [{ id: world.conversationIds.Announcements, name: "Announcements" }],
    },
  };
  return { yaml: YAML.stringify(config), world };
}

/**
 * The environment for `npm start`'s playground: a config written to `dir` with Alex signed in,
 * unless the caller brought one of its own (the acceptance tests do).
 */
export function preparePlaygroundConfig(env: NodeJS.ProcessEnv, dir: string): { M365_AGENTS_PLAYGROUND_CONFIG_PATH: string } {
  const given = env.M365_AGENTS_PLAYGROUND_CONFIG_PATH?.trim();
  if (given) return { M365_AGENTS_PLAYGROUND_CONFIG_PATH: given };
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".m365agentsplayground.yml");
  fs.writeFileSync(file, buildPlaygroundConfig("alex").yaml);
  return { M365_AGENTS_PLAYGROUND_CONFIG_PATH: file };
}
