import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { formatAuthorizationMatrix, type ActionRef } from "../../src/domain/authorization.js";
import { COMPOSED_FEATURES } from "../../src/features/index.js";
import { ROLES, buildScopeKey, type Role } from "../../src/domain/roles.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { runAanjagerCli } from "../support/cli.js";
import { loadActivity } from "../support/fixtures.js";
import { amsterdam, runJobAt } from "../support/meetmomenten.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { testDatabaseProvider } from "../support/test-db.js";

/**
 * The authorization table (composed from the features in src/features/), tried in full: every chat command,
 * export and card action against every role, a person Aanjager knows without a role, and a
 * Teams user it does not know at all, through /api/messages (messages for chat, and
 * adaptiveCard/action invokes for buttons). The test is generated from the table:
 * - a role the table allows reaches the feature (its data passes the handler's schema, and
 *   whatever the feature answers, it is not a refusal);
 * - a role the table does not allow gets the Dutch refusal, nothing else is sent, and the
 *   programme's data does not change;
 * - someone without a role gets the friendly explanation with the projectteam's contact.
 * A new row without a sample fails the first test below.
 */
const { authorization } = COMPOSED_FEATURES;
const NOW = amsterdam("2026-11-03T10:00");

const CHAT_SAMPLES: Record<string, string> = {
  help: "help",
  "wie ben ik": "wie ben ik",
  voortgang: "voortgang",
  cijfers: "cijfers ddd",
  zaken: "zaken",
  "mijn zaken": "mijn zaken",
  zaak: "zaak {case}",
  escaleer: "escaleer {case} geen reactie",
  "pak op": "pak op {case}",
  pauzeer: "pauzeer {case} tot 12-3-2027",
  sluit: "sluit {case} opgelost",
  heropen: "heropen {case}",
  opmerking: "opmerking {case} nagebeld",
  overstapzaak: "overstapzaak OS-2027-0001 zomerlek",
  contacten: "contacten",
  checklist: "checklist",
  verzending: "verzending",
  "voorbeeld herinneringen": "voorbeeld herinneringen 2027-02-18",
  samenvatting: "samenvatting",
  "koppel stuurgroep": "koppel stuurgroep",
  "koppel projectteam": "koppel projectteam",
  "nodig uit evaluatie": "nodig uit evaluatie 18-11-2027 14:00 Heerlen",
  evaluatie: "evaluatie",
  "export meetmomenten": "export meetmomenten",
  "export samenvatting": "export samenvatting",
};

type Fixture = { caseId: number; caseVersion: number; schoolId: number; roundId: number; evaluationId: number };
const CARD_SAMPLES: Record<string, (f: Fixture) => Record<string, unknown>> = {
  "zaak-bekijk": (f) => ({ caseId: f.caseId }),
  "zaak-vernieuw": (f) => ({ caseId: f.caseId }),
  "zaak-pak-op": (f) => ({ caseId: f.caseId, version: f.caseVersion }),
  "zaak-opmerking": (f) => ({ caseId: f.caseId, version: f.caseVersion, opmerking: "nagebeld" }),
  "zaak-pauzeer": (f) => ({ caseId: f.caseId, version: f.caseVersion, tot: "2027-03-12" }),
  "zaak-sluit": (f) => ({ caseId: f.caseId, version: f.caseVersion, toelichting: "opgelost" }),
  "zaak-heropen": (f) => ({ caseId: f.caseId, version: f.caseVersion }),
  "escaleer-school": (f) => ({ schoolId: f.schoolId, reason: "geen reactie" }),
  "contacten-bevestigen": (f) => ({ schoolId: f.schoolId, schoolYear: "2026-2027", contactIds: [] }),
  "contacten-corrigeren": (f) => ({ schoolId: f.schoolId, schoolYear: "2026-2027", contactIds: [] }),
  "ddd.cijfers": (f) => ({ schoolId: f.schoolId, version: 0, stepId: "", overstappers: "40", gestart: "30", deelB: "20", afgerond: "10", inBeeld: "40" }),
  "ddd.later": (f) => ({ schoolId: f.schoolId, stepId: "stap-1" }),
  "ddd.hulp": (f) => ({ schoolId: f.schoolId, mentorGroup: "4A" }),
  "ddd.gedaan": (f) => ({ schoolId: f.schoolId, mentorGroup: "4A" }),
  "voortgang-school": (f) => ({ schoolId: f.schoolId, reason: "" }),
  "meetmoment-bekijken": (f) => ({ roundId: f.roundId, activityId: "ddd", schoolYear: "2026-2027" }),
  "meetmoment-concept": (f) => ({ roundId: f.roundId, activityId: "ddd", schoolYear: "2026-2027" }),
  "meetmoment-indienen": (f) => ({ roundId: f.roundId, activityId: "ddd", schoolYear: "2026-2027" }),
  "meetmoment-wijzigen": (f) => ({ roundId: f.roundId, activityId: "ddd", schoolYear: "2026-2027" }),
  "evaluatie-antwoord": (f) => ({ evaluationId: f.evaluationId, answer: "ja" }),
  "evaluatie-stand": (f) => ({ evaluationId: f.evaluationId }),
  "overdracht-ontvangen": (f) => ({ caseId: f.caseId }),
};

type Caller = { label: string; roles: Role[]; teamsId: string; aad: string };
const ROLE_CALLERS: Caller[] = ROLES.map((role) => ({ label: role, roles: [role], teamsId: `29:only-${role}`, aad: `aad-only-${role}` }));
const WITHOUT_ROLE: Caller = { label: "bekend, zonder rol", roles: [], teamsId: "29:zonder-rol", aad: "aad-zonder-rol" };
const UNKNOWN: Caller = { label: "onbekend in Teams", roles: [], teamsId: "29:onbekend", aad: "aad-onbekend" };
const CALLERS = [...ROLE_CALLERS, WITHOUT_ROLE, UNKNOWN];

const ROLE_REFUSAL = "is niet beschikbaar voor jouw rol";
const NO_ROLE = "Ik ken je nog niet in een rol binnen het VSV-programma";

let bot: TestAanjager;
let seq = 0;
let fixture: Omit<Fixture, "caseVersion">;
let checked = 0;

beforeAll(async () => {
  bot = await startTestAanjager({ clock: () => NOW, env: { RATE_LIMIT_PER_USER: "10000" } });
  const school = await bot.app.db.school.findFirstOrThrow({ where: { naam: "Graaf Huyn Vmbo Geleen" } });
  for (const { roles: [role], aad } of ROLE_CALLERS) {
    if (!role) continue;
    const scoped = role === "decaan" || role === "mentor" || role === "schoolleiding" || role === "mbo-intake";
    const person = await bot.app.db.person.create({ data: { email: `alleen-${role}@test.example`, naam: `Test ${role}`, aadObjectId: aad } });
    const scope = { schoolBrin: scoped ? school.brin : null, mentorGroup: role === "mentor" ? "4A" : null, activityId: role === "eigenaar" ? "ddd" : null };
    await bot.app.db.roleAssignment.create({
      data: { personId: person.id, role, schoolId: scoped ? school.id : null, mentorGroup: scope.mentorGroup, activityId: scope.activityId, scopeKey: buildScopeKey(scope) },
    });
  }
  await bot.app.db.person.create({ data: { email: "zonder-rol@test.example", naam: "Test zonder rol", aadObjectId: WITHOUT_ROLE.aad } });
  const opened = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, NOW));
  await runJobAt(bot, amsterdam("2026-11-02T08:10")); // opens the DDD meetmoment round of November
  const round = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "ddd" } });
  const evaluation = await bot.app.db.evaluation.create({ data: { date: "2027-11-18", time: "14:00", place: "Heerlen", createdAt: NOW } });
  fixture = { caseId: opened.case.id, schoolId: school.id, roundId: round.id, evaluationId: evaluation.id };
});
afterAll(async () => {
  console.log(`authorization: ${checked} combinations of action and caller checked through /api/messages`);
  await bot.close();
});

/** The programme's data: everything an action could change (not the conversation bookkeeping of every turn). */
const PROGRAMME_TABLES = ["Download", "School", "Organisation", "ChainGap", "RoleAssignment", "ContactConfirmation", "Case", "CaseEvent", "ChannelLink", "Evaluation", "EvaluationRsvp", "DddSnapshot", "DddSnooze", "DddAcknowledgement", "DddReminderLog", "OutboxMessage", "WeeklySummary", "MeetmomentRound", "Measurement"];
let programmeDataQuery: string | null = null;
/**
 * Every row and column of those tables as one text, in one query: SQLite writes each value as
 * an exact SQL literal (quote()), PostgreSQL each row as its record literal, which is about 30
 * times faster than turning the rows into objects and was most of this file's time.
 */
async function readProgrammeData(): Promise<string> {
  programmeDataQuery ??= await buildProgrammeDataQuery();
  const [row] = await bot.app.db.$queryRawUnsafe<Record<string, string | null>[]>(programmeDataQuery);
  return JSON.stringify(row);
}
async function buildProgrammeDataQuery(): Promise<string> {
  const perTable: string[] = [];
  if (testDatabaseProvider === "postgresql") {
    for (const table of PROGRAMME_TABLES) perTable.push(`(SELECT string_agg(t::text, chr(10) ORDER BY t."id") FROM "${table}" t) AS "${table}"`);
    return `SELECT ${perTable.join(", ")}`;
  }
  for (const table of PROGRAMME_TABLES) {
    const columns = await bot.app.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`);
    expect(columns.length, table).toBeGreaterThan(0);
    const row = columns.map((c) => `quote("${c.name}")`).join(` || ',' || `);
    perTable.push(`(SELECT group_concat(${row}, char(10) ORDER BY rowid) FROM "${table}") AS "${table}"`);
  }
  return `SELECT ${perTable.join(", ")}`;
}

async function say(caller: Caller, text: string): Promise<{ text: string; replies: { text?: string; attachments?: unknown[] }[] }> {
  const id = `authz-${++seq}`;
  const res = await bot.post(loadActivity("personal-message-help", bot.connector.url, { id, text, from: { id: caller.teamsId, aadObjectId: caller.aad, name: caller.label }, conversation: { id: `a:authz-${caller.teamsId}` } }));
  expect(res.status).toBe(200);
  const replies = bot.connector
    .sent()
    .filter((c) => c.path.endsWith(`/activities/${id}`))
    .map((c) => c.body as { text?: string; attachments?: unknown[] });
  expect(replies.length, `${caller.label}: "${text}" got no reply`).toBeGreaterThan(0);
  return { text: replies.map((r) => `${r.text ?? ""}${JSON.stringify(r.attachments ?? [])}`).join("\n"), replies };
}

async function press(caller: Caller, verb: string, data: Record<string, unknown>): Promise<{ status: number; value: unknown }> {
  const res = await bot.post(
    loadActivity("card-action-invoke", bot.connector.url, { id: `authz-${++seq}`, value: { action: { type: "Action.Execute", verb, data } }, from: { id: caller.teamsId, aadObjectId: caller.aad, name: caller.label }, conversation: { id: `a:authz-${caller.teamsId}` } }),
  );
  const body = (await res.json()) as { value: unknown };
  return { status: res.status, value: body.value };
}

async function currentFixture(): Promise<Fixture> {
  const c = await bot.app.db.case.findUniqueOrThrow({ where: { id: fixture.caseId } });
  return { ...fixture, caseVersion: c.version };
}

function fillSample(text: string, f: Fixture): string {
  return text.replace("{case}", String(f.caseId));
}

function expectedRefusal(caller: Caller, ref: ActionRef): string {
  if (caller.roles.length === 0) return `${NO_ROLE}, dus ${ref.kind === "kaartactie" ? "deze actie" : `**${ref.name}**`} kan ik nu niet voor je doen. Neem contact op met het ${bot.config.projectteamContact}.`;
  return `${ref.kind === "kaartactie" ? "Deze actie" : `**${ref.name}**`} ${ROLE_REFUSAL}. Typ **help** om te zien wat je wel kunt, of vraag het ${bot.config.projectteamContact}.`;
}

describe("the authorization table", () => {
  it("has a sample for every row, a row for every command and button, and a handler for every row", () => {
    const rows = authorization.permissions;
    expect(rows.filter((r) => r.kind !== "kaartactie").map((r) => r.name).sort()).toEqual(Object.keys(CHAT_SAMPLES).sort());
    expect(rows.filter((r) => r.kind === "kaartactie").map((r) => r.name).sort()).toEqual(Object.keys(CARD_SAMPLES).sort());
    expect(COMPOSED_FEATURES.commands.map((c) => c.name).sort()).toEqual(Object.keys(CHAT_SAMPLES).sort());
    expect(COMPOSED_FEATURES.cardActions.map((h) => h.verb).sort()).toEqual(Object.keys(CARD_SAMPLES).sort());
    // Every button on every card template is in the table (a templated verb is filled by its builder with a verb from the table).
    const verbs = readdirSync("cards")
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) => [...readFileSync(`cards/${f}`, "utf8").matchAll(/"verb":\s*"([^"$]+)"/g)].map((m) => m[1]!));
    for (const verb of new Set(verbs)) expect(authorization.isAllowed({ kind: "kaartactie", name: verb }, ROLES), `${verb} on a card`).toBe(true);
  });

  it("is printed by `npx aanjager rechten` as a role × action matrix", async () => {
    const cli = await runAanjagerCli(["rechten"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(formatAuthorizationMatrix(authorization));
    expect(cli.stdout).toContain("| Actie | Soort | decaan | mentor | projectteam | programmaleider | eigenaar | stuurgroep | beheerder | schoolleiding | bestuur | rmc | leerplicht | mbo-intake | zonder rol |");
    expect(cli.stdout).toContain("| export samenvatting | export |  |  | ja | ja |  | ja | ja |  |  |  |  |  |  |");
    expect(cli.stdout).toContain("| overdracht-ontvangen | knop |  |  |  |  |  |  |  |  |  |  |  | ja |  |");
  });

  it("refuses what is not in it, to every role", () => {
    for (const role of ROLES) {
      expect(authorization.isAllowed({ kind: "kaartactie", name: "bestaat-niet" }, [role])).toBe(false);
      expect(authorization.isAllowed({ kind: "opdracht", name: "constructor" }, [role])).toBe(false);
    }
  });

  it("keeps the escalation work with the projectteam, programmaleider and beheerder; a decaan may view, pick up and comment", () => {
    const staff = ["beheerder", "programmaleider", "projectteam"];
    for (const name of ["escaleer", "pauzeer", "sluit", "heropen"]) expect(authorization.listRolesFor({ kind: "opdracht", name }).sort()).toEqual(staff);
    for (const name of ["zaak-pauzeer", "zaak-sluit", "zaak-heropen", "escaleer-school"]) expect(authorization.listRolesFor({ kind: "kaartactie", name }).sort()).toEqual(staff);
    for (const name of ["zaken", "zaak", "pak op", "opmerking"]) expect(authorization.listRolesFor({ kind: "opdracht", name }).sort()).toEqual([...staff, "decaan"].sort());
    for (const name of ["zaak-bekijk", "zaak-pak-op", "zaak-opmerking"]) expect(authorization.listRolesFor({ kind: "kaartactie", name }).sort()).toEqual([...staff, "decaan"].sort());
    expect(authorization.listRolesFor({ kind: "opdracht", name: "overstapzaak" }).sort()).toEqual(["decaan", "projectteam"]);
    expect(authorization.listRolesFor({ kind: "export", name: "export samenvatting" }).sort()).toEqual(["beheerder", "programmaleider", "projectteam", "stuurgroep"]);
  });

  it("gives the rest of the chain only what is theirs: the mbo intake confirms a warme overdracht and sees voortgang; schoolleiding, bestuur, rmc and leerplicht work through the cards they receive", () => {
    expect(authorization.listRolesFor({ kind: "kaartactie", name: "overdracht-ontvangen" })).toEqual(["mbo-intake"]);
    expect(authorization.listRolesFor({ kind: "opdracht", name: "voortgang" })).toContain("mbo-intake");
    for (const role of ["schoolleiding", "bestuur", "rmc", "leerplicht"] as const) {
      const allowed = authorization.permissions.filter((p) => authorization.isAllowed(p, [role])).map((p) => p.name).sort();
      expect(allowed, role).toEqual(["evaluatie-antwoord", "help", "wie ben ik"]);
    }
  });
});

describe("every chat command and export against every caller, through /api/messages", () => {
  for (const row of authorization.permissions.filter((r) => r.kind !== "kaartactie")) {
    it(`${row.kind} ${row.name}`, async () => {
      // The refused callers first, with the programme's data read before and after them all (a
      // read per caller was half of this file's time); then those allowed, who may change it.
      const refused = CALLERS.filter((caller) => !authorization.isAllowed(row, caller.roles));
      const before = await readProgrammeData();
      for (const caller of refused) {
        const answer = await say(caller, fillSample(CHAT_SAMPLES[row.name]!, await currentFixture()));
        checked++;
        expect(answer.replies, `${row.name} / ${caller.label}: one message, no card`).toEqual([expect.objectContaining({ text: expectedRefusal(caller, row) })]);
        expect(answer.replies[0]!.attachments ?? []).toEqual([]);
      }
      expect(await readProgrammeData(), `${row.name} refused to ${refused.map((c) => c.label).join(", ")} changed nothing`).toBe(before);
      for (const caller of CALLERS.filter((c) => !refused.includes(c))) {
        const answer = await say(caller, fillSample(CHAT_SAMPLES[row.name]!, await currentFixture()));
        checked++;
        expect(answer.text, `${row.name} / ${caller.label}`).not.toContain(ROLE_REFUSAL);
        expect(answer.text, `${row.name} / ${caller.label}`).not.toContain(NO_ROLE);
      }
    });
  }
});

describe("every card action against every caller, as adaptiveCard/action invokes", () => {
  for (const row of authorization.permissions.filter((r) => r.kind === "kaartactie")) {
    it(`kaartactie ${row.name}`, async () => {
      // As above: the refused callers first, between two reads of the programme's data.
      const refused = CALLERS.filter((caller) => !authorization.isAllowed(row, caller.roles));
      const before = await readProgrammeData();
      for (const caller of refused) {
        const sentBefore = bot.connector.sent().length;
        const answer = await press(caller, row.name, CARD_SAMPLES[row.name]!(await currentFixture()));
        checked++;
        expect(answer.status, `${row.name} / ${caller.label}`).toBe(200);
        expect(answer.value, `${row.name} / ${caller.label}`).toBe(expectedRefusal(caller, row));
        expect(bot.connector.sent().length, `${row.name} / ${caller.label} sent nothing`).toBe(sentBefore);
      }
      expect(await readProgrammeData(), `${row.name} refused to ${refused.map((c) => c.label).join(", ")} changed nothing`).toBe(before);
      for (const caller of CALLERS.filter((c) => !refused.includes(c))) {
        const answer = await press(caller, row.name, CARD_SAMPLES[row.name]!(await currentFixture()));
        checked++;
        expect(answer.status, `${row.name} / ${caller.label}`).toBe(200);
        const text = typeof answer.value === "string" ? answer.value : JSON.stringify(answer.value);
        expect(text, `${row.name} / ${caller.label}`).not.toContain(ROLE_REFUSAL);
        expect(text, `${row.name} / ${caller.label}`).not.toContain(NO_ROLE);
        expect(text, `${row.name} / ${caller.label}: the sample passes the handler's schema`).not.toContain("ongeldige gegevens");
      }
    });
  }
});
