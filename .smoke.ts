// Temporary smoke script (not committed): the bot on PostgreSQL with demo data, real Teams payloads.
import fs from "node:fs";
import http from "node:http";
import { startPostgresCluster } from "./src/dev/postgres-cluster.js";
const cluster = await startPostgresCluster();
const calls: { method?: string; url?: string; body: string }[] = [];
const capture = http.createServer((req, res) => { let b = ""; req.on("data", (c) => (b += c)); req.on("end", () => { calls.push({ method: req.method, url: req.url, body: b }); res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify({ id: "x1" })); }); });
await new Promise<void>((r) => capture.listen(44010, "127.0.0.1", () => r()));
const env = { ...process.env, BOT_MODE: "local", HOST: "127.0.0.1", PORT: "39781", DATABASE_URL: cluster.url(), LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false" };
const { spawn } = await import("node:child_process");
const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "inherit", "inherit"] });
for (let i = 0; i < 120; i++) { try { const r = await fetch("http://127.0.0.1:39781/readyz"); if (r.ok) break; } catch {} await new Promise((r) => setTimeout(r, 500)); }
console.log("readyz", await (await fetch("http://127.0.0.1:39781/readyz")).text());
const dir = "/work/shared/teams-reference/payloads/";
for (const [file, text] of [["01-personal-message.json", "help"], ["01-personal-message.json", "checklist"], ["19-adaptive-card-action-no-verb.json", null], ["04-channel-card-submit-no-text.json", null]] as const) {
  const p = JSON.parse(fs.readFileSync(dir + file, "utf8"));
  if (text) p.text = text;
  const r = await fetch("http://127.0.0.1:39781/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(p) });
  console.log(file, text, r.status, (await r.text()).slice(0, 300));
}
await new Promise((r) => setTimeout(r, 1500));
for (const c of calls) if (c.method === "POST") { const b = JSON.parse(c.body); console.log("TEXT", (b.text ?? JSON.stringify(b.attachments?.[0]?.content?.body?.[0] ?? {})).slice(0, 300)); }
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
capture.close();
cluster.stop();
