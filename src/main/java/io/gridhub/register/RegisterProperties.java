package io.gridhub.register;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of the customer register ({@code hub.register.*}).
 *
 * @param maxContractedKva contracted capacity above this (kVA) is implausible: the record is quarantined
 * @param maxRetireShare a full snapshot that would retire more than this share of a feed's in-service customers fails
 * @param messageFeedId the feed id recorded on customers written by IEC 61968-100 messages
 */
@ConfigurationProperties("hub.register")
public record RegisterProperties(BigDecimal maxContractedKva, Double maxRetireShare, String messageFeedId) {

    public RegisterProperties {
        maxContractedKva = maxContractedKva == null ? new BigDecimal("100000") : maxContractedKva;
        maxRetireShare = maxRetireShare == null ? 0.2 : maxRetireShare;
        messageFeedId = messageFeedId == null || messageFeedId.isBlank() ? "mis-messages" : messageFeedId;
    }
}
