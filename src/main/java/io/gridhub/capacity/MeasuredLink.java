package io.gridhub.capacity;

/**
 * One link of a supply chain (供电路径) as the grid store measured it, with the substation it
 * belongs to, so that a substation's main transformers can be summed without another query.
 *
 * @param asset the link's raw terms: rating, windowed peak, commitments
 * @param substationId the substation of a main transformer (or feeder); null for a distribution transformer
 */
public record MeasuredLink(MeasuredAsset asset, String substationId) {
}
