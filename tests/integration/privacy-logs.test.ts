import { describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager } from "../support/test-app.js";
import { channelClaims, productionEnv, startTokenAuthority } from "../support/token-authority.js";

describe("logs (AVG)", () => {
  it("carry ids only: no names, e-mail addresses or message text, even at debug level and on errors", async () => {
    const lines: string[] = [];
    const bot = await startTestAanjager({ logLines: lines });
    try {
      const secretText = "mijn leerling Jantje de Vries heeft BSN 111222333";
      await bot.post(loadActivity("installation-update-add-personal", bot.connector.url));
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m1" }));
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m2", text: secretText }));
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m3", text: "wie ben ik" }));
      await bot.post(loadActivity("card-action-invoke", bot.connector.url, { value: { action: { verb: "x", data: { naam: "Jantje de Vries" } } } }));
      await bot.app.db.$executeRawUnsafe('ALTER TABLE "RoleAssignment" RENAME TO "RoleAssignmentBroken"');
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m4", text: secretText }));
      await bot.connector.waitForSent(5);
      await bot.app.db.$executeRawUnsafe('ALTER TABLE "RoleAssignmentBroken" RENAME TO "RoleAssignment"');
    } finally {
      await bot.close();
    }
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(all).toContain('"msg":"command"');
    expect(all).toContain('"msg":"turn failed"');
    // Command names are logged (they are not personal); free text, names and addresses never.
    for (const forbidden of ["Alex Wilber", "Alex", "alexw@example.com", "@example", "Jantje", "111222333", "mijn leerling"]) {
      expect(all, forbidden).not.toContain(forbidden);
    }
  });
});

describe("logs of unauthenticated requests (AVG)", () => {
  it("hold nothing from the request beyond a bounded, sanitised id", async () => {
    const authority = await startTokenAuthority();
    const lines: string[] = [];
    const bot = await startTestAanjager({ logLines: lines, env: productionEnv(authority.metadataUrl) });
    const personal = "Jantje de Vries jantje.devries@school.example BSN 111222333";
    try {
      const base = loadActivity("personal-message-help", bot.connector.url);
      // A refused tenant id of 220,000 characters carrying a name, an e-mail address and a BSN.
      const hugeTenant = `${personal} `.repeat(Math.ceil(220_000 / (personal.length + 1))).slice(0, 220_000);
      const refusedTenant = await bot.post({ ...base, conversation: { ...base.conversation, tenantId: hugeTenant }, channelData: { tenant: { id: hugeTenant } } });
      expect(refusedTenant.status).toBe(403);
      // The same text in every other place an anonymous sender controls.
      const hostile = { ...base, id: personal, text: personal, from: { id: personal, name: personal }, conversation: { ...base.conversation, id: personal }, recipient: { id: personal } };
      const header = (json: object) => Buffer.from(JSON.stringify(json)).toString("base64url");
      const tokens = [
        "",
        `Bearer ${personal}`,
        `Bearer ${header({ alg: "RS256", kid: personal })}.${header({ iss: personal })}.x`,
        `Bearer ${Buffer.from(personal).toString("base64url")}.${Buffer.from(personal).toString("base64url")}.x`,
        `Bearer ${authority.sign(channelClaims(bot.connector.url, { aud: personal, sub: personal }))}`,
        `Bearer ${authority.sign(channelClaims(bot.connector.url, { serviceurl: personal }))}`,
        `Bearer ${authority.sign(channelClaims(bot.connector.url), { kid: personal })}`,
        `Bearer ${authority.sign(channelClaims(bot.connector.url, { name: personal }), { key: authority.foreignKey })}`,
      ];
      for (const token of tokens) {
        const res = await bot.post(hostile, token ? { authorization: token } : {});
        expect(res.status, token).toBe(401);
      }
    } finally {
      await bot.close();
      await authority.close();
    }
    const all = lines.join("\n");
    expect(all).toContain("activity from a tenant that is not allowed");
    expect(all).toContain("authentication failed");
    for (const forbidden of ["Jantje", "Vries", "jantje.devries", "@school", "111222333"]) expect(all, forbidden).not.toContain(forbidden);
    // Bounded: a few hundred bytes per refused request, whatever it carried.
    for (const line of lines) expect(line.length).toBeLessThan(600);
  });
});
