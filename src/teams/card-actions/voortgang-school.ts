import { z } from "zod";
import { renderDddCard } from "../../cards/ddd-cards.js";
import { buildSchoolProgressCard } from "../../services/ddd/voortgang.js";
import { defineCardAction } from "./router.js";

/** The answer to "bedoel je ...?" after `voortgang <school>`: the chosen school's DDD card replaces the choice. */
export const voortgangSchoolAction = defineCardAction({
  verb: "voortgang-school",
  // Another school's progress, as `voortgang <school>` (for a decaan the command shows their own).
  roles: ["projectteam", "beheerder"],
  schema: z.object({ schoolId: z.coerce.number().int().positive() }).passthrough(),
  async handle({ actor, data, deps }) {
    const reply = await buildSchoolProgressCard(deps, actor, data.schoolId, deps.clock());
    return typeof reply === "string" ? reply : renderDddCard(reply);
  },
});
