import { EVERYONE } from "../../domain/authorization.js";
import { ROLE_LABELS, isRole } from "../../domain/roles.js";
import type { CommandHandler } from "../types.js";

export const whoAmICommand: CommandHandler = {
  name: "wie ben ik",
  usage: "wie ben ik",
  description: "Laat zien welke rollen en scholen Aanjager van je kent.",
  roles: EVERYONE,
  async handle({ turn, actor, deps }) {
    if (!actor.person) {
      await turn.sendActivity(
        `Ik ken je nog niet: je Teams-account is niet gekoppeld aan iemand in de contactenlijst van Aanjager. Neem contact op met het ${deps.config.projectteamContact}.`,
      );
      return;
    }
    const lines = actor.person.roles.map((r) => {
      const label = isRole(r.role) ? ROLE_LABELS[r.role] : r.role;
      const scope = [r.schoolNaam && `${r.schoolNaam} (${r.schoolBrin})`, r.mentorGroup && `mentorgroep ${r.mentorGroup}`, r.activityId && `activiteit ${r.activityId}`]
        .filter(Boolean)
        .join(", ");
      return `- ${label}${scope ? `: ${scope}` : ""}`;
    });
    await turn.sendActivity(
      `Je bent bij Aanjager bekend als **${actor.person.naam}** (${actor.person.email}).\n\n${lines.length > 0 ? `Je rollen:\n\n${lines.join("\n")}` : "Je hebt nog geen rol."}`,
    );
  },
};
