import type { CommandHandler } from "../types.js";
import { handleKoppel } from "./koppel-channel.js";

export const koppelProjectteamCommand: CommandHandler = {
  name: "koppel projectteam",
  handle: (ctx) => handleKoppel(ctx, "projectteam"),
};
