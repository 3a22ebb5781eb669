package io.gridhub.poweron;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Power-on rules ({@code hub.power-on.*}); application.yml documents each key.
 *
 * @param gisEditsAddress the GIS-bound broker queue of {@code created UsagePoint} messages
 * @param fallbackTransformerRadiusM a case connected without a committed transformer (the low-voltage fast
 *        path) is assigned the nearest in-service public transformer within this radius (m)
 * @param zone time zone of the load months: a promise is released by the peak of a month starting after
 *        the month of connection in this zone
 */
@ConfigurationProperties("hub.power-on")
public record PowerOnProperties(String gisEditsAddress, double fallbackTransformerRadiusM, String zone) {

    public PowerOnProperties {
        gisEditsAddress = gisEditsAddress == null || gisEditsAddress.isBlank() ? "gridhub.gis.edits" : gisEditsAddress;
        fallbackTransformerRadiusM = fallbackTransformerRadiusM <= 0 ? 500 : fallbackTransformerRadiusM;
        zone = zone == null || zone.isBlank() ? "Asia/Shanghai" : zone;
    }
}
