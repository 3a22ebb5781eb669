package io.gridhub.capacity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The in-memory copy of the static capacity terms siting reads ({@link ChainTermsCache}, keys
 * {@code hub.capacity.terms-cache.*}).
 *
 * @param maxAge how long a link's terms are kept at most: bounds how late a change made to the
 *               grid store other than by a feed run is seen (feed runs empty the cache at once);
 *               0 turns the cache off
 * @param maxAssets most links kept (least recently used go first); 0 turns the cache off
 */
@ConfigurationProperties("hub.capacity.terms-cache")
public record TermsCacheProperties(Duration maxAge, long maxAssets) {

    public TermsCacheProperties {
        maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;
        if (maxAge.isNegative() || maxAssets < 0) {
            throw new IllegalArgumentException("hub.capacity.terms-cache.max-age and max-assets must not be negative");
        }
    }

    boolean enabled() {
        return !maxAge.isZero() && maxAssets > 0;
    }
}
