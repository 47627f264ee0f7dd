/**
 * The step pictures kept in docs/screenshots/ and shown in the README's "Screenshots" section,
 * in this order. `npm run screenshots` runs the e2e suite, copies these from test-results/ and
 * rewrites the README section. A flow adds its pictures here (scenario = the name given to
 * `useScenario`, step = the name given to `user.step()` / `user.stepCard()`, without its number).
 */
export type DocsScreenshot = {
  scenario: string;
  step: string;
  /** File name under docs/screenshots/. */
  file: string;
  /** Dutch caption, as the README shows it. */
  caption: string;
};

export const DOCS_SCREENSHOTS: readonly DocsScreenshot[] = [
  { scenario: "kennismaking", step: "welkom", file: "welkom-helpkaart.png", caption: "Na installatie: Aanjager begroet Alex met de helpkaart voor zijn rollen" },
  { scenario: "kennismaking", step: "typfout", file: "wie-ben-ik-en-typfout.png", caption: "`wie ben ik` en een typfout (`hlep`): Aanjager stelt het bedoelde commando voor, met een knop" },
  { scenario: "kennismaking", step: "kanaal-vermelding", file: "kanaal-vermelding.png", caption: "In een teamkanaal antwoordt Aanjager alleen als je hem noemt: `@Aanjager help`" },
  { scenario: "decaan", step: "voortgang", file: "ddd-voortgang.png", caption: "`voortgang`: de DDD-kaart van de school met norm, prognose tot 1 april en de knoppen Cijfers bijwerken en Hulp vragen" },
  { scenario: "decaan", step: "herinnering", file: "ddd-klaar.png", caption: "Een school die alle DDD's binnen heeft, krijgt één keer een bedankkaart in plaats van een herinnering" },
  { scenario: "decaan", step: "fout", file: "ddd-cijfers-fout.png", caption: "Onmogelijke cijfers worden geweigerd met een Nederlandse foutmelding op de kaart; er verandert niets" },
  { scenario: "projectteam", step: "opgepakt", file: "zaakkaart-opgepakt.png", caption: "Het projectteam pakt een escalatiezaak op met de knop op de zaakkaart; de kaart ververst voor iedereen" },
  { scenario: "projectteam", step: "gesloten", file: "zaakkaart-gesloten.png", caption: "Een zaak sluiten kan alleen met een toelichting; de geschiedenis blijft op de kaart" },
  { scenario: "eigenaar", step: "formulier-kaart", file: "meetmoment-formulier.png", caption: "De eigenaar van een activiteit krijgt het meetmomentformulier, gemaakt uit de KPI's van de catalogus" },
  { scenario: "stuurgroep", step: "samenvatting", file: "stuurgroep-samenvatting.png", caption: "De wekelijkse KPI-samenvatting voor de stuurgroep: norm, nu, vorige, verschillen, met grafiek of tabel" },
  { scenario: "onbekende-gebruiker", step: "welkom-kaart", file: "onbekende-gebruiker.png", caption: "Iemand die niet in de contactenlijst staat krijgt uitleg en een contactpersoon" },
];
