package io.gridhub.cases;

import io.gridhub.siting.CustomerCategory;
import io.gridhub.siting.Importance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * A new-connection application (业扩申请) as the counter or the MIS enters it: POST /api/cases and
 * {@code create ConnectionApplication}. Either requestedKw (with powerFactor) or requestedKva.
 *
 * @param caseNo the MIS case number (业扩工单号)
 * @param customerNo customer number (户号), may be null for a new customer
 * @param customerName customer name (户名)
 * @param contactName contact person
 * @param contactPhone contact phone
 * @param address supply address (用电地址)
 * @param site site location with its CRS
 * @param requestedKw requested capacity in kW
 * @param requestedKva requested capacity in kVA
 * @param powerFactor cos φ of a kW request (default hub.siting.default-power-factor)
 * @param customerCategory usage category (用电类别)
 * @param industryClass industry class (行业分类), free text
 * @param importance load importance (default NORMAL)
 * @param requestedVoltageKv requested supply voltage (kV) if the customer named one
 * @param channel where the application came in (default COUNTER)
 * @param serviceUnit service unit (供电所 / 营业厅) that owns the case
 * @param customerManager login name of the customer manager (客户经理)
 * @param projectManager login name of the project manager (项目经理)
 * @param gridWorks whether grid works are needed, if already known
 */
public record NewCase(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "letters, digits, '_' or '-', at most 40") String caseNo,
        String customerNo,
        @NotBlank String customerName,
        String contactName,
        String contactPhone,
        String address,
        @NotNull @Valid Site site,
        @Positive Double requestedKw,
        @Positive Double requestedKva,
        @DecimalMin("0.1") @DecimalMax("1.0") Double powerFactor,
        @NotNull CustomerCategory customerCategory,
        String industryClass,
        Importance importance,
        @Positive Double requestedVoltageKv,
        Channel channel,
        @NotBlank String serviceUnit,
        String customerManager,
        String projectManager,
        Boolean gridWorks) {
}
