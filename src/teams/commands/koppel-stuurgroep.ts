import type { CommandHandler } from "../types.js";
import { handleKoppel } from "./koppel-channel.js";

export const koppelStuurgroepCommand: CommandHandler = {
  name: "koppel stuurgroep",
  handle: (ctx) => handleKoppel(ctx, "stuurgroep"),
};
