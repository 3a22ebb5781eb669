package io.gridhub.siting;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * A siting question: where can a customer at this site connect this much load?
 *
 * @param lon site longitude, in {@code crs}
 * @param lat site latitude, in {@code crs}
 * @param crs EPSG:4490 (default), EPSG:4326, GCJ-02 or BD-09
 * @param requestedKw requested capacity in kW (with powerFactor), or
 * @param requestedKva requested capacity in kVA
 * @param powerFactor cos φ of a kW request (default hub.siting.default-power-factor)
 * @param customerCategory usage category (用电类别)
 * @param importance load importance (重要用户等级)
 * @param areaClass urban or rural, which sets the low-voltage radius (default hub.siting.default-area-class)
 * @param maxCandidates passing candidates wanted (default hub.siting.default-max-candidates)
 */
public record SitingRequest(
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        String crs,
        @Positive Double requestedKw,
        @Positive Double requestedKva,
        @DecimalMin(value = "0.1") @DecimalMax("1.0") Double powerFactor,
        @NotNull CustomerCategory customerCategory,
        @NotNull Importance importance,
        AreaClass areaClass,
        @Min(1) @Max(100) Integer maxCandidates) {
}
