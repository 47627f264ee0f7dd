import { CASE_VIEWERS } from "../../domain/authorization.js";
import type { CommandHandler } from "../types.js";
import { zakenCommand } from "./zaken.js";

/** `mijn zaken`: what people type to see the cases they took on; the same list as `zaken mijn`. */
export const mijnZakenCommand: CommandHandler = {
  name: "mijn zaken",
  usage: "mijn zaken [subregio|type]",
  description: "De openstaande zaken die jij in behandeling hebt.",
  roles: CASE_VIEWERS,
  handle: (ctx) => zakenCommand.handle({ ...ctx, args: `mijn ${ctx.args}`.trim() }),
};
