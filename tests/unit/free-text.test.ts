import { describe, expect, it } from "vitest";
import { BSN_REFUSAL, buildPupilDataRefusal, findBsnCandidates, findEmailAddresses, listEmailAddresses, normalizeForScreening, screenFreeText } from "../../src/domain/free-text.js";

const staff = new Set(["meganb@example.com", "j.smeets@school.example"]);
const isStaff = (a: string) => staff.has(a);

describe("normalizeForScreening", () => {
  it("folds full-width forms, removes invisible characters and turns every script's digits into ASCII", () => {
    expect(normalizeForScreening("１２３＠ｘ")).toBe("123@x");
    expect(normalizeForScreening("1\u200b2\u200c3\u200d4\u20605\ufeff6\u00ad7")).toBe("1234567");
    expect(normalizeForScreening("١٢٣ ۴۵۶ ७८९ ๐")).toBe("123 456 789 0");
    expect(normalizeForScreening("𝟏𝟐 ①")).toBe("12 1");
  });
});

describe("findBsnCandidates", () => {
  // Every variant that issue 15 found stored, with the BSN 111222333 (and 012345672 for 8 digits).
  const REFUSED: [string, string][] = [
    ["111-222-333", "111222333"],
    ["111_222_333", "111222333"],
    ["111/222/333", "111222333"],
    ["111,222,333", "111222333"],
    ["111. 222. 333", "111222333"],
    ["1\u200b1\u200b1\u200b2\u200b2\u200b2\u200b3\u200b3\u200b3", "111222333"],
    ["１１１２２２３３３", "111222333"],
    ["١١١٢٢٢٣٣٣", "111222333"],
    ["bsn111222333", "111222333"],
    ["111222333x", "111222333"],
    ["12345672", "012345672"],
    ["OS111222333", "111222333"],
    ["111\u00a0222\u00a0333", "111222333"],
    ["111 - 222 - 333", "111222333"],
    ["leerling (111) 222-333 belde", "111222333"],
    ["111 -- 222 -- 333", "111222333"],
    ["111\n\n222\n\n333", "111222333"],
  ];
  it.each(REFUSED)("finds %j", (text, bsn) => {
    expect(findBsnCandidates(text)).toEqual([bsn]);
  });

  // Numbers a case text is full of, some of which would pass the elfproef if read as one number.
  const ALLOWED = [
    "bel 06-12345678",
    "bel 06 1234 5678 of 043-1234567",
    "tel. (043) 123 45 67",
    "+31 43 123 4567",
    "+32 (0)4 123 45 67",
    "+49 241 1234567",
    "0800-1234",
    "BRIN 10AB, vestiging 10AB00",
    "6411 AB Heerlen",
    "op 12-11-2027 om 14:00",
    "op 01-11-2027 om 9.30 uur",
    "2027-03-12",
    "schooljaar 2024-2025", // 20242025 passes the elfproef as 020242025
    "schooljaar 2024/25",
    "OS-2027-0042",
    "dossier 2027/0051",
    "zaak 12",
    "postcodes 6400-6499", // 064006499 passes the elfproef
    "€ 1.250,00 en € 12.500",
    "120, 135 en 142 leerlingen",
  ];
  it.each(ALLOWED)("leaves %j alone", (text) => {
    expect(findBsnCandidates(text)).toEqual([]);
  });
});

describe("findEmailAddresses", () => {
  it("finds addresses in running text, lowercased and without repeats", () => {
    expect(findEmailAddresses("Mail naar Ouder.Jansen@Gmail.com, of ouder.jansen@gmail.com.")).toEqual(["ouder.jansen@gmail.com"]);
    expect(findEmailAddresses("(piet+school@leerling.sg-x.nl) en 'kim_o@student.example.org'")).toEqual(["piet+school@leerling.sg-x.nl", "kim_o@student.example.org"]);
    expect(findEmailAddresses("josé.müller@schüle.de")).toEqual(["josé.müller@schüle.de"]);
  });

  // The spellings issue 15 found stored.
  const SPELLINGS: [string, string][] = [
    ["piet＠gmail.com", "piet@gmail.com"],
    ["piet﹫gmail.com", "piet@gmail.com"],
    ["piet @ gmail.com", "piet@gmail.com"],
    ["piet@ gmail . com", "piet@gmail.com"],
    ["piet at gmail dot com", "piet@gmail.com"],
    ["piet [at] gmail [dot] com", "piet@gmail.com"],
    ["piet (at) gmail (punt) nl", "piet@gmail.nl"],
    ["piet apenstaartje gmail punt nl", "piet@gmail.nl"],
    ['"piet jansen"@gmail.com', '"piet jansen"@gmail.com'],
    ["piet@[192.168.1.1]", "piet@[192.168.1.1]"],
    ["piet@192.168.1.1", "piet@192.168.1.1"],
    ["piet@gmail", "piet@gmail"],
    ["p\u200biet@gm\u200bail.com", "piet@gmail.com"],
    ["piet%40gmail.com", "piet@gmail.com"],
    ["ＰＩＥＴ＠ＧＭＡＩＬ．ＣＯＭ", "piet@gmail.com"],
    ["piet@@gmail.com", "piet@gmail.com"],
    ["piet at gmail。com", "piet@gmail.com"],
    ["leerling at at gmail dot com", "at@gmail.com"], // a loose non-address right before an address does not hide it
  ];
  it.each(SPELLINGS)("finds %j", (text, address) => {
    expect(findEmailAddresses(text)).toEqual([address]);
  });

  it("leaves text without an address alone: an @-mention, a time and place, a domain, a sentence after a staff address", () => {
    for (const text of ["@Aanjager help", "om 14:00 @ Stadhuis", "zie vsv-zuidlimburg.nl", "<at>Alex Wilber</at> zaak 3", "bel me @ 14.00", "het punt is dat", ""]) expect(findEmailAddresses(text)).toEqual([]);
    expect(findEmailAddresses("met j.smeets@school.example. Daarna belde ik")).toEqual(["j.smeets@school.example"]);
  });
});

describe("screenFreeText", () => {
  it("allows staff addresses in any spelling and text without pupil data", () => {
    expect(screenFreeText(["Afgestemd met MeganB@example.com en j.smeets at school dot example", null, undefined, ""], isStaff)).toBeNull();
  });

  it("says what kind of thing it found, never the thing itself, and how to refer to a pupil", () => {
    expect(screenFreeText(["leerling 123-456-782"], isStaff)).toBe(BSN_REFUSAL);
    expect(BSN_REFUSAL).toContain("burgerservicenummer");
    const both = screenFreeText(["leerling 123 456 782, moeder@gmail.com", "cc meganb@example.com, vader at hotmail dot nl"], isStaff, "Dit veld")!;
    expect(both).toMatch(/^Dit veld bevat een nummer dat een burgerservicenummer \(BSN\) kan zijn en e-mailadressen van mensen die Aanjager niet kent/);
    for (const secret of ["123", "moeder", "vader", "hotmail", "meganb"]) expect(both).not.toContain(secret);
    expect(both).toContain("Er is niets opgeslagen of verstuurd.");
    expect(both).toContain("het kenmerk uit het overstapsysteem (zoals OS-2027-0042) of de leerlingcode van je eigen school; geen naam, geen BSN");
    expect(buildPupilDataRefusal({ bsn: false, unknownAddresses: 1 })).toContain("een e-mailadres van iemand die Aanjager niet kent");
  });

  it("lists every address across texts for one directory lookup", () => {
    expect(listEmailAddresses(["a.b@c.nl", null, "A.B@C.nl d@e.org"])).toEqual(["a.b@c.nl", "d@e.org"]);
  });
});
