import type { CommandHandler } from "../types.js";
import { deliveryStatusCommand } from "./delivery-status.js";
import { helpCommand } from "./help.js";
import { whoAmICommand } from "./who-am-i.js";

/** Chat command handlers by command name (see src/domain/commands.ts for who may use them). */
export const COMMAND_HANDLERS: readonly CommandHandler[] = [helpCommand, whoAmICommand, deliveryStatusCommand];
