package io.gridhub.cases;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * Where the customer is (用电地址坐标).
 *
 * @param lon longitude in {@code crs}
 * @param lat latitude in {@code crs}
 * @param crs EPSG:4490 (default), EPSG:4326, GCJ-02 or BD-09 (phone apps)
 */
public record Site(
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        String crs) {
}
