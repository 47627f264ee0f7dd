import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createDownloadLinks } from "../../src/services/downloads.js";

const production = { BOT_MODE: "production", MicrosoftAppId: "00000000-0000-0000-0000-000000000001", MicrosoftAppPassword: "geheim", MicrosoftAppTenantId: "00000000-0000-0000-0000-000000000002" };

describe("download link origins", () => {
  it("uses PUBLIC_BASE_URL, else https://BOT_DOMAIN, else (locally) the port the server got", () => {
    expect(createDownloadLinks(loadConfig({ ...production, PUBLIC_BASE_URL: "https://aanjager.example.nl/" })).origin()).toBe("https://aanjager.example.nl");
    expect(createDownloadLinks(loadConfig({ ...production, BOT_DOMAIN: "bot.example.nl" })).origin()).toBe("https://bot.example.nl");
    const local = createDownloadLinks(loadConfig({ BOT_MODE: "local" }));
    expect(local.origin()).toBeNull();
    local.setListeningPort(3978);
    expect(local.origin()).toBe("http://localhost:3978");
  });

  it("gives no link in production without a public address, rather than one nobody can open", () => {
    const links = createDownloadLinks(loadConfig(production));
    links.setListeningPort(3978);
    expect(links.origin()).toBeNull();
  });

  it("refuses a public address that is not a URL, and a link life outside 5 minutes to a day", () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: "aanjager.example.nl" })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ DOWNLOAD_LINK_MINUTES: "2" })).toThrow(/DOWNLOAD_LINK_MINUTES/);
    expect(loadConfig({}).downloads.linkMinutes).toBe(60);
  });
});
