import { OPERATORS } from "../../domain/authorization.js";
import type { CommandHandler } from "../types.js";
import { handleKoppel } from "./koppel-channel.js";

export const koppelProjectteamCommand: CommandHandler = {
  name: "koppel projectteam",
  usage: "koppel projectteam",
  description: "Maak dit kanaal het kanaal voor zaakkaarten.",
  roles: OPERATORS,
  handle: (ctx) => handleKoppel(ctx, "projectteam"),
};
