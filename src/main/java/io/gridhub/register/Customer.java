package io.gridhub.register;

import java.math.BigDecimal;

/**
 * A customer of the marketing MIS (用电户) with its usage point (计量点): who, where, how much
 * capacity the contract grants, and the transformer area (台区) and transformer the MIS bills it under.
 *
 * @param customerNo MIS customer number (户号), the key
 * @param name customer name (户名)
 * @param meterNo meter number (电能表资产号)
 * @param address supply address (用电地址)
 * @param usageCategory usage category (用电类别)
 * @param contractedKva contracted capacity (合同容量) in kVA
 * @param status contract status
 * @param serviceUnit supply office (供电所 / 供电单位) serving the customer
 * @param transformerArea transformer area code (台区编号)
 * @param transformerRef source id (设备编码) of the distribution transformer the MIS assigns
 * @param feederRef source id of the 10 kV feeder the MIS assigns
 * @param lon longitude, EPSG:4490, or null when the MIS has no location
 * @param lat latitude, EPSG:4490, or null
 */
public record Customer(
        String customerNo,
        String name,
        String meterNo,
        String address,
        UsageCategory usageCategory,
        BigDecimal contractedKva,
        CustomerStatus status,
        String serviceUnit,
        String transformerArea,
        String transformerRef,
        String feederRef,
        Double lon,
        Double lat) {

    /** Whether the record has a location. */
    public boolean located() {
        return lon != null && lat != null;
    }
}
