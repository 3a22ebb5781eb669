package io.gridhub.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules and schedule of the reconciliation ({@code hub.reconciliation.*}); application.yml documents each key.
 *
 * @param schedule Quartz cron (seconds first) of the scheduled run; empty: on demand only
 * @param diversityFactor share of the contracted capacity of a transformer's customers expected at its peak (同时率)
 * @param lowVoltageRadiusM low-voltage supply radius (m): a customer farther from its transformer is a finding
 * @param farFactor a customer farther than radius × this is a HIGH finding, else MEDIUM
 * @param defaultPowerFactor cos φ of measured peaks without one
 * @param peakWindowMonths the measured peak is the largest of this many months ending at the latest month loaded
 * @param trendRuns runs shown in a run's trend
 * @param defaultPageSize findings per page when the request names no size
 * @param maxPageSize the largest page a request may ask for
 * @param eventsAddress broker address of the summary event; empty: the outbox's default (the MIS events queue)
 */
@ConfigurationProperties("hub.reconciliation")
public record ReconciliationProperties(String schedule, double diversityFactor, double lowVoltageRadiusM, double farFactor,
                                       double defaultPowerFactor, int peakWindowMonths, int trendRuns, int defaultPageSize,
                                       int maxPageSize, String eventsAddress) {
}
