import { DateTime } from "luxon";
import { beforeEach } from "vitest";
import type { Db } from "../../src/db/client.js";
import { importDddFile } from "../../src/services/ddd/import.js";
import { PLAYGROUND_USERS } from "../../src/demo/demo-region.js";
import type { RecordingPorts } from "./recording-ports.js";
import { useTestAanjager, type TestAanjager } from "./test-app.js";

/** Helpers for DDD tests on a seeded database. */

/** An instant given as Amsterdam wall-clock time, e.g. "2027-03-04T08:15". */
export function amsterdam(localIso: string): Date {
  const dt = DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" });
  if (!dt.isValid) throw new Error(`bad test time ${localIso}`);
  return dt.toJSDate();
}

/**
 * The seeded template carries demo DDD figures for the school year of the day the suite runs;
 * tests that need exact figures start from none.
 */
export async function clearDddData(db: Db): Promise<void> {
  await db.dddSnapshot.deleteMany();
  await db.dddImport.deleteMany();
  await db.dddReminderLog.deleteMany();
  await db.dddSnooze.deleteMany();
  await db.dddAcknowledgement.deleteMany();
}

export const DDD_HEADER = "school_brin;mentorgroep;overstappers;ddd_gestart;ddd_deel_b;ddd_afgerond;in_beeld";

/** Imports rows ("BRIN;groep;5 numbers") through the real import, as of `at`; throws on rejection. */
export async function importRows(db: Db, rows: string[], at: Date, schoolYear = "2026-2027"): Promise<void> {
  const result = await importDddFile(db, { content: [DDD_HEADER, ...rows].join("\n"), fileName: "test.csv", schoolYear, operator: "test", now: at });
  if (!result.ok) throw new Error(`import rejected: ${JSON.stringify(result.issues)}`);
}

export type PlaygroundUser = keyof typeof PLAYGROUND_USERS;

/** The `from` and `conversation` of a playground user's personal chat. */
export function asUser(user: PlaygroundUser) {
  const u = PLAYGROUND_USERS[user];
  return { from: { id: `29:${user}`, aadObjectId: u.aadObjectId, name: u.naam }, conversation: { id: `a:personal-${user}`, conversationType: "personal", tenantId: "00000000-0000-0000-0000-0000000000001" } };
}

/** School ids of Alex's (first vmbo) and Megan's (second vmbo) schools, and Adele's group. */
export async function findPlaygroundSchools(db: Db): Promise<{ alexSchool: { id: number; brin: string; naam: string }; meganSchool: { id: number; brin: string; naam: string } }> {
  const role = async (email: string) => {
    const r = await db.roleAssignment.findFirstOrThrow({ where: { role: "decaan", person: { email } }, include: { school: true } });
    return { id: r.school!.id, brin: r.school!.brin, naam: r.school!.naam };
  };
  return { alexSchool: await role(PLAYGROUND_USERS.alex.email), meganSchool: await role(PLAYGROUND_USERS.megan.email) };
}

type School = { id: number; brin: string; naam: string };

/**
 * One test Aanjager for a file (useTestAanjager) whose DDD figures are exactly the given imports
 * (rows per moment, built from Alex's and Megan's schools) instead of the demo data; every test
 * starts from those figures, with `ports` emptied. `schools` is filled once the app runs.
 */
export function useDddTestAanjager(options: {
  clock: () => Date;
  ports: RecordingPorts;
  imports: (schools: { alexSchool: School; meganSchool: School }) => { at: Date; rows: string[] }[];
}): { bot: TestAanjager; schools: { alexSchool: School; meganSchool: School } } {
  const schools = {} as { alexSchool: School; meganSchool: School };
  const bot = useTestAanjager({
    clock: options.clock,
    ports: options.ports,
    async prepare({ app }) {
      await clearDddData(app.db);
      Object.assign(schools, await findPlaygroundSchools(app.db));
      for (const { at, rows } of options.imports(schools)) await importRows(app.db, rows, at);
    },
  });
  beforeEach(() => options.ports.reset());
  return { bot, schools };
}

/** Every text in a card (TextBlocks, facts, input labels and values, action titles), to assert on. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    if (typeof n.text === "string") out.push(n.text);
    if (Array.isArray(n.facts)) for (const f of n.facts) out.push(`${f.title}: ${f.value}`);
    if (typeof n.title === "string" && typeof n.type === "string" && n.type.startsWith("Action.")) out.push(`[${n.title}]`);
    for (const key of ["body", "items", "actions", "columns", "card"]) if (n[key]) walk(n[key]);
  };
  walk(card);
  return out.join("\n");
}
