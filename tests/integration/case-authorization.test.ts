import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { COMMANDS, isCommandAllowed } from "../../src/domain/commands.js";
import { ROLES, buildScopeKey, type Role } from "../../src/domain/roles.js";
import { openOrUpdateCase } from "../../src/services/cases.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

/**
 * Every chat command against every role, through /api/messages: a role outside the command's
 * row gets the router's Dutch refusal, a role inside it gets the feature (whatever it answers).
 * A command added without a sample here fails the suite.
 */
const SAMPLES: Record<string, string> = {
  help: "help",
  "wie ben ik": "wie ben ik",
  zaken: "zaken",
  zaak: "zaak 1",
  escaleer: "escaleer 1 geen reactie",
  "pak op": "pak op 1",
  pauzeer: "pauzeer 1 tot 12-3-2027",
  sluit: "sluit 1 opgelost",
  heropen: "heropen 1",
  opmerking: "opmerking 1 nagebeld",
  overstapzaak: "overstapzaak OS-2027-0001 zomerlek",
  "koppel projectteam": "koppel projectteam",
  "koppel stuurgroep": "koppel stuurgroep",
  "nodig uit evaluatie": "nodig uit evaluatie 18-11-2027 14:00 Heerlen",
  evaluatie: "evaluatie",
  contacten: "contacten",
  verzending: "verzending",
  voortgang: "voortgang",
  "voorbeeld herinneringen": "voorbeeld herinneringen 2027-02-18",
  samenvatting: "samenvatting",
  cijfers: "cijfers ddd",
  "export meetmomenten": "export meetmomenten",
};
const REFUSAL = "is niet beschikbaar voor jouw rol";

let bot: TestAanjager;
let seq = 0;
const users = new Map<Role, { teamsId: string; aad: string }>();

beforeAll(async () => {
  bot = await startTestAanjager({ clock: () => new Date("2027-03-01T09:00:00Z") });
  const school = await bot.app.db.school.findFirstOrThrow({ where: { naam: "Graaf Huyn Vmbo Geleen" } });
  for (const role of ROLES) {
    const scoped = role === "decaan" || role === "mentor";
    const person = await bot.app.db.person.create({ data: { email: `alleen-${role}@test.example`, naam: `Test ${role}`, aadObjectId: `aad-only-${role}` } });
    await bot.app.db.roleAssignment.create({
      data: { personId: person.id, role, schoolId: scoped ? school.id : null, mentorGroup: role === "mentor" ? "4A" : null, activityId: role === "eigenaar" ? "ddd" : null, scopeKey: buildScopeKey({ schoolBrin: scoped ? school.brin : null, mentorGroup: role === "mentor" ? "4A" : null, activityId: role === "eigenaar" ? "ddd" : null }) },
    });
    users.set(role, { teamsId: `29:only-${role}`, aad: `aad-only-${role}` });
  }
  await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, new Date("2027-03-01T09:00:00Z")));
});
afterAll(async () => {
  await bot.close();
});

async function say(role: Role, text: string): Promise<string> {
  const user = users.get(role)!;
  const id = `auth-${++seq}`;
  await bot.post(loadActivity("personal-message-help", bot.connector.url, { id, text, from: { id: user.teamsId, aadObjectId: user.aad, name: `Test ${role}` }, conversation: { id: `a:only-${role}` } }));
  const replies = bot.connector.sent().filter((c) => c.path.endsWith(`/activities/${id}`));
  expect(replies.length, `${role}: "${text}" got no reply`).toBeGreaterThan(0);
  return replies.map((r) => `${r.body.text ?? ""}${JSON.stringify(r.body.attachments ?? [])}`).join("\n");
}

describe("every command against every role", () => {
  it("has a sample for every available command", () => {
    expect(COMMANDS.filter((c) => c.available).map((c) => c.name).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const command of COMMANDS.filter((c) => c.available)) {
    it(`${command.name}`, async () => {
      for (const role of ROLES) {
        const answer = await say(role, SAMPLES[command.name]!);
        if (isCommandAllowed(command, [role])) expect(answer, `${command.name} / ${role}`).not.toContain(REFUSAL);
        else expect(answer, `${command.name} / ${role}`).toContain(`**${command.name}** ${REFUSAL}`);
      }
    });
  }

  it("the escalation commands are for projectteam, programmaleider and beheerder; a decaan may only view, pick up and comment", () => {
    const allowed = (name: string) => ROLES.filter((r) => isCommandAllowed(COMMANDS.find((c) => c.name === name)!, [r]));
    for (const name of ["escaleer", "pauzeer", "sluit", "heropen"]) expect(allowed(name).sort()).toEqual(["beheerder", "programmaleider", "projectteam"]);
    for (const name of ["zaken", "zaak", "pak op", "opmerking"]) expect(allowed(name).sort()).toEqual(["beheerder", "decaan", "programmaleider", "projectteam"]);
    expect(allowed("overstapzaak").sort()).toEqual(["decaan", "projectteam"]);
    expect(allowed("koppel projectteam").sort()).toEqual(["beheerder", "projectteam"]);
  });
});
