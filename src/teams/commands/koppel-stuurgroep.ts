import { OPERATORS } from "../../domain/authorization.js";
import type { CommandHandler } from "../types.js";
import { handleKoppel } from "./koppel-channel.js";

export const koppelStuurgroepCommand: CommandHandler = {
  name: "koppel stuurgroep",
  usage: "koppel stuurgroep",
  description: "Maak dit kanaal het stuurgroepkanaal voor de wekelijkse samenvatting.",
  roles: OPERATORS,
  handle: (ctx) => handleKoppel(ctx, "stuurgroep"),
};
