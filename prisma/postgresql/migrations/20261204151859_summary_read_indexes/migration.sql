-- CreateIndex
CREATE INDEX "CaseEvent_kind_at_idx" ON "CaseEvent"("kind", "at");

-- CreateIndex
CREATE INDEX "DddSnapshot_schoolYear_mentorGroup_recordedAt_idx" ON "DddSnapshot"("schoolYear", "mentorGroup", "recordedAt");

