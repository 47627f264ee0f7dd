import type { CommandHandler } from "../types.js";
import { cijfersCommand } from "./cijfers.js";
import { escaleerCommand } from "./escaleer.js";
import { exportMeetmomentenCommand } from "./export-meetmomenten.js";
import { exportSamenvattingCommand } from "./export-samenvatting.js";
import { evaluatieCommand } from "./evaluatie.js";
import { contactsCommand } from "./contacts.js";
import { deliveryStatusCommand } from "./delivery-status.js";
import { helpCommand } from "./help.js";
import { heropenCommand } from "./heropen.js";
import { koppelProjectteamCommand } from "./koppel-projectteam.js";
import { koppelStuurgroepCommand } from "./koppel-stuurgroep.js";
import { nodigUitEvaluatieCommand } from "./nodig-uit-evaluatie.js";
import { opmerkingCommand } from "./opmerking.js";
import { overstapzaakCommand } from "./overstapzaak.js";
import { pakOpCommand } from "./pak-op.js";
import { pauzeerCommand } from "./pauzeer.js";
import { samenvattingCommand } from "./samenvatting.js";
import { sluitCommand } from "./sluit.js";
import { voorbeeldHerinneringenCommand } from "./voorbeeld-herinneringen.js";
import { voortgangCommand } from "./voortgang.js";
import { whoAmICommand } from "./who-am-i.js";
import { zaakCommand } from "./zaak.js";
import { zakenCommand } from "./zaken.js";

/** Chat command handlers by command name (src/domain/authorization.ts says who may use them). */
export const COMMAND_HANDLERS: readonly CommandHandler[] = [
  helpCommand,
  whoAmICommand,
  zakenCommand,
  zaakCommand,
  escaleerCommand,
  pakOpCommand,
  pauzeerCommand,
  sluitCommand,
  heropenCommand,
  opmerkingCommand,
  overstapzaakCommand,
  koppelProjectteamCommand,
  koppelStuurgroepCommand,
  nodigUitEvaluatieCommand,
  evaluatieCommand,
  contactsCommand,
  voortgangCommand,
  voorbeeldHerinneringenCommand,
  deliveryStatusCommand,
  samenvattingCommand,
  cijfersCommand,
  exportMeetmomentenCommand,
  exportSamenvattingCommand,
];
