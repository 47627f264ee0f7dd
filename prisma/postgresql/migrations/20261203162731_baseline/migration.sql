-- The whole schema as of the SQLite migrations up to 20261203162730_chain_organisations, written
-- by `prisma migrate diff --from-empty` for PostgreSQL. Later migrations are written for both
-- providers with the same name by `npm run db:new-migration`.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Subregio" (
    "id" TEXT NOT NULL,
    "naam" TEXT NOT NULL,

    CONSTRAINT "Subregio_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "subregioId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "School" (
    "id" SERIAL NOT NULL,
    "brin" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "subregioId" TEXT,
    "bestuurId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "aadObjectId" TEXT,
    "teamsUserId" TEXT,
    "unreachableSince" TIMESTAMP(3),
    "unreachableReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "schoolId" INTEGER,
    "organisationId" INTEGER,
    "mentorGroup" TEXT,
    "activityId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactConfirmation" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,
    "confirmedById" INTEGER,

    CONSTRAINT "ContactConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "section" TEXT,
    "programmalijn" TEXT NOT NULL,
    "maatregel" TEXT,
    "naam" TEXT NOT NULL,
    "doel" TEXT,
    "doelgroep" TEXT NOT NULL,
    "looptijd" TEXT,
    "verantwoordelijk" TEXT,
    "monitoring" TEXT,
    "ownerRole" TEXT NOT NULL DEFAULT 'eigenaar',
    "programmePeriod" TEXT,
    "looptijdFrom" TEXT,
    "looptijdTo" TEXT,
    "figuresPer" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetmomentSchedule" (
    "id" SERIAL NOT NULL,
    "activityId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "months" TEXT NOT NULL,
    "day" INTEGER,
    "note" TEXT,

    CONSTRAINT "MeetmomentSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kpi" (
    "id" SERIAL NOT NULL,
    "activityId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT,
    "targetText" TEXT,
    "note" TEXT,
    "measurable" BOOLEAN NOT NULL DEFAULT true,
    "duoVsv" TEXT,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Kpi_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiTarget" (
    "id" SERIAL NOT NULL,
    "kpiId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "schoolYear" TEXT,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "KpiTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "id" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "tenantId" TEXT,
    "teamId" TEXT,
    "channelId" TEXT,
    "botId" TEXT NOT NULL,
    "userTeamsId" TEXT,
    "userAadObjectId" TEXT,
    "personId" INTEGER,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "blockedAt" TIMESTAMP(3),
    "blockedReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "result" TEXT,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "schoolId" INTEGER,
    "receiverSchoolId" INTEGER,
    "receivedAt" TIMESTAMP(3),
    "receivedById" INTEGER,
    "activityId" TEXT,
    "contactPersonId" INTEGER,
    "overstapRef" TEXT,
    "overstapReason" TEXT,
    "reason" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "pausedFrom" TEXT,
    "pausedUntil" TIMESTAMP(3),
    "ownerId" INTEGER,
    "openedById" INTEGER,
    "openKey" TEXT,
    "policyVersion" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT -1,
    "levelSince" TIMESTAMP(3) NOT NULL,
    "nextEscalationAt" TIMESTAMP(3),
    "round" INTEGER NOT NULL DEFAULT 1,
    "resolution" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorPersonId" INTEGER,
    "actorName" TEXT,
    "via" TEXT NOT NULL,
    "level" INTEGER,
    "note" TEXT,
    "data" TEXT,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainGap" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "schoolId" INTEGER,
    "subregioId" TEXT,
    "caseId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChainGap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelLink" (
    "id" SERIAL NOT NULL,
    "purpose" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "teamId" TEXT,
    "channelId" TEXT,
    "linkedById" INTEGER,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" SERIAL NOT NULL,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "invitations" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRsvp" (
    "id" SERIAL NOT NULL,
    "evaluationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvaluationRsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" SERIAL NOT NULL,
    "purpose" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DddSnapshot" (
    "id" SERIAL NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "mentorGroup" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "overstappers" INTEGER NOT NULL,
    "gestart" INTEGER NOT NULL,
    "deelB" INTEGER NOT NULL,
    "afgerond" INTEGER NOT NULL,
    "inBeeld" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "importId" INTEGER,
    "actorPersonId" INTEGER,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DddSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DddImport" (
    "id" SERIAL NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "operator" TEXT,
    "source" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DddImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DddReminderLog" (
    "id" SERIAL NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "targetKey" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "mentorGroup" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stepId" TEXT,
    "coveredSteps" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "afgerond" INTEGER,
    "overstappers" INTEGER,
    "snapshotVersion" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DddReminderLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DddSnooze" (
    "id" SERIAL NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "dueDay" TEXT NOT NULL,
    "resolvedDay" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DddSnooze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DddAcknowledgement" (
    "id" SERIAL NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "mentorGroup" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "stepId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DddAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'send',
    "targetId" INTEGER,
    "recipientPersonId" INTEGER,
    "recipientConversationId" TEXT,
    "payload" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "resendSuspect" INTEGER NOT NULL DEFAULT 0,
    "conversationId" TEXT,
    "activityId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklySummary" (
    "id" SERIAL NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "week" INTEGER NOT NULL,
    "weekStart" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "generatedAt" TIMESTAMP(3) NOT NULL,
    "data" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "conversationId" TEXT,
    "parts" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "WeeklySummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetmomentRound" (
    "id" SERIAL NOT NULL,
    "activityId" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "meetmomentDate" TEXT NOT NULL,
    "openDay" TEXT NOT NULL,
    "periodLabel" TEXT NOT NULL,
    "describes" TEXT NOT NULL DEFAULT '',
    "note" TEXT,
    "status" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "submittedById" INTEGER,
    "lateCaseId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetmomentRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measurement" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "kpiId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "party" TEXT NOT NULL DEFAULT '',
    "partyLabel" TEXT,
    "status" TEXT NOT NULL,
    "valueNumber" DOUBLE PRECISION,
    "valueText" TEXT,
    "source" TEXT NOT NULL,
    "personId" INTEGER,
    "personName" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measurement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Download" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Download_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subregio_naam_key" ON "Subregio"("naam");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");

-- CreateIndex
CREATE UNIQUE INDEX "School_brin_key" ON "School"("brin");

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_aadObjectId_key" ON "Person"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_teamsUserId_key" ON "Person"("teamsUserId");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_idx" ON "RoleAssignment"("role");

-- CreateIndex
CREATE INDEX "RoleAssignment_schoolId_idx" ON "RoleAssignment"("schoolId");

-- CreateIndex
CREATE INDEX "RoleAssignment_organisationId_idx" ON "RoleAssignment"("organisationId");

-- CreateIndex
CREATE INDEX "RoleAssignment_source_idx" ON "RoleAssignment"("source");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_personId_role_scopeKey_key" ON "RoleAssignment"("personId", "role", "scopeKey");

-- CreateIndex
CREATE INDEX "ContactConfirmation_schoolId_schoolYear_idx" ON "ContactConfirmation"("schoolId", "schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "ContactConfirmation_personId_schoolId_schoolYear_key" ON "ContactConfirmation"("personId", "schoolId", "schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "MeetmomentSchedule_activityId_position_key" ON "MeetmomentSchedule"("activityId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Kpi_activityId_key_key" ON "Kpi"("activityId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "KpiTarget_kpiId_period_key" ON "KpiTarget"("kpiId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationRef_conversationId_key" ON "ConversationRef"("conversationId");

-- CreateIndex
CREATE INDEX "ConversationRef_personId_idx" ON "ConversationRef"("personId");

-- CreateIndex
CREATE INDEX "ConversationRef_teamId_idx" ON "ConversationRef"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_key_key" ON "JobRun"("key");

-- CreateIndex
CREATE INDEX "JobRun_job_slot_idx" ON "JobRun"("job", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "Case_openKey_key" ON "Case"("openKey");

-- CreateIndex
CREATE INDEX "Case_state_nextEscalationAt_idx" ON "Case"("state", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "Case_schoolId_idx" ON "Case"("schoolId");

-- CreateIndex
CREATE INDEX "Case_type_idx" ON "Case"("type");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_id_idx" ON "CaseEvent"("caseId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ChainGap_key_key" ON "ChainGap"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelLink_purpose_key" ON "ChannelLink"("purpose");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationRsvp_evaluationId_personId_key" ON "EvaluationRsvp"("evaluationId", "personId");

-- CreateIndex
CREATE INDEX "DddSnapshot_schoolYear_recordedAt_idx" ON "DddSnapshot"("schoolYear", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DddSnapshot_schoolYear_schoolId_mentorGroup_version_key" ON "DddSnapshot"("schoolYear", "schoolId", "mentorGroup", "version");

-- CreateIndex
CREATE INDEX "DddReminderLog_schoolYear_schoolId_idx" ON "DddReminderLog"("schoolYear", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "DddReminderLog_schoolYear_targetKey_day_key" ON "DddReminderLog"("schoolYear", "targetKey", "day");

-- CreateIndex
CREATE INDEX "DddSnooze_schoolYear_schoolId_idx" ON "DddSnooze"("schoolYear", "schoolId");

-- CreateIndex
CREATE INDEX "DddAcknowledgement_schoolYear_schoolId_mentorGroup_idx" ON "DddAcknowledgement"("schoolYear", "schoolId", "mentorGroup");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_purpose_state_idx" ON "OutboxMessage"("purpose", "state");

-- CreateIndex
CREATE INDEX "OutboxMessage_recipientPersonId_idx" ON "OutboxMessage"("recipientPersonId");

-- CreateIndex
CREATE INDEX "OutboxMessage_targetId_idx" ON "OutboxMessage"("targetId");

-- CreateIndex
CREATE INDEX "WeeklySummary_weekStart_idx" ON "WeeklySummary"("weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklySummary_schoolYear_week_key" ON "WeeklySummary"("schoolYear", "week");

-- CreateIndex
CREATE INDEX "MeetmomentRound_status_closesAt_idx" ON "MeetmomentRound"("status", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetmomentRound_activityId_meetmomentDate_key" ON "MeetmomentRound"("activityId", "meetmomentDate");

-- CreateIndex
CREATE INDEX "Measurement_kpiId_idx" ON "Measurement"("kpiId");

-- CreateIndex
CREATE UNIQUE INDEX "Measurement_roundId_party_kpiId_version_key" ON "Measurement"("roundId", "party", "kpiId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Download_tokenHash_key" ON "Download"("tokenHash");

-- CreateIndex
CREATE INDEX "Download_expiresAt_idx" ON "Download"("expiresAt");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_subregioId_fkey" FOREIGN KEY ("subregioId") REFERENCES "Subregio"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_subregioId_fkey" FOREIGN KEY ("subregioId") REFERENCES "Subregio"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_bestuurId_fkey" FOREIGN KEY ("bestuurId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactConfirmation" ADD CONSTRAINT "ContactConfirmation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactConfirmation" ADD CONSTRAINT "ContactConfirmation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactConfirmation" ADD CONSTRAINT "ContactConfirmation_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetmomentSchedule" ADD CONSTRAINT "MeetmomentSchedule_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kpi" ADD CONSTRAINT "Kpi_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiTarget" ADD CONSTRAINT "KpiTarget_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationRef" ADD CONSTRAINT "ConversationRef_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_receiverSchoolId_fkey" FOREIGN KEY ("receiverSchoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRsvp" ADD CONSTRAINT "EvaluationRsvp_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DddSnapshot" ADD CONSTRAINT "DddSnapshot_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DddSnapshot" ADD CONSTRAINT "DddSnapshot_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DddImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_recipientPersonId_fkey" FOREIGN KEY ("recipientPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetmomentRound" ADD CONSTRAINT "MeetmomentRound_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MeetmomentRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- CaseEvent is append-only for the application; only a maintenance operation (retention,
-- privacy erasure) that opened a MaintenanceWindow row in its own transaction may delete or
-- pseudonymise events. (Hand-written: the same rule as SQLite's triggers.)
CREATE FUNCTION "CaseEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM "MaintenanceWindow") THEN
        RAISE EXCEPTION 'CaseEvent is append-only';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "CaseEvent_no_update" BEFORE UPDATE ON "CaseEvent"
    FOR EACH ROW EXECUTE FUNCTION "CaseEvent_append_only"();

CREATE TRIGGER "CaseEvent_no_delete" BEFORE DELETE ON "CaseEvent"
    FOR EACH ROW EXECUTE FUNCTION "CaseEvent_append_only"();
