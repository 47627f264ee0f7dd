import { renderDddCard } from "../../cards/ddd-cards.js";
import { z } from "zod";
import { updateSchoolFigures } from "../../services/ddd/card-updates.js";
import { defineCardAction } from "./router.js";

/**
 * "Opslaan" in the decaan card's inline form. The five numbers are taken as typed (the card's
 * inputs are text inputs; a forged card may send anything) and validated by the
 * domain rules in the service, so a bad value gets a Dutch explanation on the card instead of
 * the router's generic refusal.
 */
const schema = z
  .object({
    schoolId: z.coerce.number().int().positive(),
    version: z.coerce.number().int().min(0),
    stepId: z.string().max(40).optional().default(""),
    overstappers: z.unknown().optional(),
    gestart: z.unknown().optional(),
    deelB: z.unknown().optional(),
    afgerond: z.unknown().optional(),
    inBeeld: z.unknown().optional(),
  })
  .passthrough();

export const dddCijfersAction = defineCardAction({
  verb: "ddd.cijfers",
  roles: ["decaan"],
  schema,
  async handle({ actor, data, deps }) {
    const outcome = await updateSchoolFigures(deps, {
      actor,
      schoolId: data.schoolId,
      version: data.version,
      stepId: data.stepId || null,
      values: { overstappers: data.overstappers, gestart: data.gestart, deelB: data.deelB, afgerond: data.afgerond, inBeeld: data.inBeeld },
      now: deps.clock(),
    });
    return "card" in outcome ? renderDddCard(outcome.card) : outcome.message;
  },
});
