import { describe, expect, it } from "vitest";
import { containsBsn, findBsnCandidates, passesElfproef } from "../../../src/domain/cases/index.js";

describe("elfproef", () => {
  it("accepts numbers whose weighted sum is a multiple of 11", () => {
    // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−1·2 = 154 = 14·11
    expect(passesElfproef("123456782")).toBe(true);
    expect(passesElfproef("111222333")).toBe(true);
    expect(passesElfproef("999999990")).toBe(true);
  });

  it("rejects numbers that fail it, have the wrong length, or are all zeros", () => {
    expect(passesElfproef("123456789")).toBe(false);
    expect(passesElfproef("111222334")).toBe(false);
    expect(passesElfproef("12345678")).toBe(false);
    expect(passesElfproef("1234567820")).toBe(false);
    expect(passesElfproef("000000000")).toBe(false);
    expect(passesElfproef("12345678a")).toBe(false);
  });
});

describe("containsBsn", () => {
  it("finds a BSN on its own, in a sentence, and written with spaces or dots", () => {
    expect(containsBsn("123456782")).toBe(true);
    expect(containsBsn("leerling met bsn 123456782 heeft geen keuze")).toBe(true);
    expect(containsBsn("bsn: 1234 56 782")).toBe(true);
    expect(containsBsn("123.456.782")).toBe(true);
    expect(containsBsn("1234.56.782.")).toBe(true);
    expect(containsBsn("zaak 12 123456782")).toBe(true);
    expect(findBsnCandidates("a 111 222 333 b")).toEqual(["111222333"]);
  });

  it("leaves numbers alone that fail the elfproef or are not 9 digits", () => {
    expect(containsBsn("123456789")).toBe(false);
    expect(containsBsn("bel 0612345678")).toBe(false);
    expect(containsBsn("bel 06 1234 5678")).toBe(false);
    expect(containsBsn("OS-2027-0042")).toBe(false);
    expect(containsBsn("pauzeer tot 12-3-2027")).toBe(false);
    expect(containsBsn("brin 10AB, 42 leerlingen, 3 mentoren")).toBe(false);
  });

  it("does not see a BSN inside a longer unbroken number", () => {
    expect(containsBsn("1234567820")).toBe(false);
    expect(containsBsn("01234567820")).toBe(false);
  });

  it("sees a BSN glued to letters (issue 15: these were stored)", () => {
    expect(containsBsn("x123456782")).toBe(true);
    expect(containsBsn("OS123456782")).toBe(true);
    expect(containsBsn("bsn111222333")).toBe(true);
    expect(containsBsn("111222333x")).toBe(true);
  });
});
