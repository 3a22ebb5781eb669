package io.gridhub.feeds.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.gridhub.grid.AssetType;

/**
 * One measured peak load from the production MIS (最大负荷), mapped.
 *
 * @param assetType the asset measured (distribution transformer, feeder, main transformer)
 * @param assetRef its source id
 * @param periodStart first day of the period (a month in the MIS exports)
 * @param periodEnd last day
 * @param peakKw peak active power in kW
 * @param powerFactor measured power factor, or null
 * @param measuredAt when the MIS recorded the figure, or null
 */
public record MappedLoad(AssetType assetType, String assetRef, LocalDate periodStart, LocalDate periodEnd,
                         BigDecimal peakKw, BigDecimal powerFactor, Instant measuredAt) {}
