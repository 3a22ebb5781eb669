package io.gridhub.capacity;

/**
 * What an asset whose load was never measured in the peak window is (无实测负荷). Never: zero load.
 * Set by {@code hub.capacity.missing-load}.
 */
public enum MissingLoadPolicy {
    /** not offered: its open capacity is unknown, the candidate fails a "load data present" check */
    REJECT,
    /** offered with a warning: open capacity shown as the upper bound rated × cap − committed */
    OFFER_FLAGGED
}
