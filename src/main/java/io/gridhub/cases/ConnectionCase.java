package io.gridhub.cases;

import java.time.OffsetDateTime;
import java.util.List;

import io.gridhub.siting.CustomerCategory;
import io.gridhub.siting.Importance;

/**
 * A new-connection case (业扩工单) as the hub mirrors it from the marketing MIS.
 *
 * @param caseNo the MIS case number (业扩工单号)
 * @param customerNo customer number (户号)
 * @param customerName customer name (户名)
 * @param contactName contact person
 * @param contactPhone contact phone
 * @param address supply address
 * @param site the site in EPSG:4490 (crs always "EPSG:4490")
 * @param siteAsGiven the site as the application gave it
 * @param requestedKw requested kW, null when requested in kVA
 * @param requestedKva requested kVA (kW ÷ cos φ when requested in kW)
 * @param powerFactor cos φ used
 * @param customerCategory usage category (用电类别)
 * @param industryClass industry class (行业分类)
 * @param importance load importance
 * @param requestedVoltageKv requested voltage if any
 * @param channel where the application came in
 * @param serviceUnit the service unit that owns the case
 * @param customerManager customer manager's login
 * @param projectManager project manager's login
 * @param lowVoltage supplied at 0.4 kV / 220 V: the high-voltage-only stages are skipped
 * @param gridWorks whether grid works are needed (null: not yet known)
 * @param stage the current stage
 * @param stageLabel its Chinese name
 * @param status OPEN, CANCELED or CLOSED
 * @param revision the MIS revision last applied
 * @param nextStages the stages the case may be moved to now
 * @param stages every stage entered, oldest first
 * @param createdAt when the hub first saw the case
 * @param updatedAt last change
 */
public record ConnectionCase(
        String caseNo,
        String customerNo,
        String customerName,
        String contactName,
        String contactPhone,
        String address,
        Site site,
        Site siteAsGiven,
        Double requestedKw,
        double requestedKva,
        double powerFactor,
        CustomerCategory customerCategory,
        String industryClass,
        Importance importance,
        Double requestedVoltageKv,
        Channel channel,
        String serviceUnit,
        String customerManager,
        String projectManager,
        boolean lowVoltage,
        Boolean gridWorks,
        Stage stage,
        String stageLabel,
        CaseStatus status,
        long revision,
        List<Stage> nextStages,
        List<StageRecord> stages,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The stage the case is in now. */
    public StageRecord currentStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }
}
