package io.gridhub.feeds.sync;

import java.util.Locale;

import io.gridhub.feeds.source.SourceException;
import io.gridhub.grid.AssetType;

/**
 * What a full snapshot may retire in one run (退役保护). A WFS layer answering 200 with no
 * features, a renamed table or a CRS gone wrong looks like a snapshot in which the grid has
 * vanished; retiring it would leave siting with nothing to offer. A run that would retire more
 * than {@code maxShare} of a feed's in-service assets of a type fails with the reason and applies
 * nothing, unless a GIS analyst forced it.
 *
 * @param maxShare largest share (0–1) of the feed's in-service assets of one type a run may retire
 * @param forcedBy the GIS analyst who forced the run, or null
 */
public record RetireGuard(double maxShare, String forcedBy) {

    /** No guard: everything a snapshot dropped is retired. */
    public static final RetireGuard OFF = new RetireGuard(1.0, null);

    public RetireGuard {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("retire share must be within 0–1, got " + maxShare);
        }
    }

    public boolean forced() {
        return forcedBy != null;
    }

    /** Throws when retiring {@code retiring} of {@code inService} assets of a type exceeds the share. */
    void check(AssetType type, long retiring, long inService) {
        if (forced() || retiring == 0 || retiring <= maxShare * inService) {
            return;
        }
        throw new Refused(String.format(Locale.ROOT,
                "retire guard: this full snapshot would retire %d of the feed's %d in-service %s assets (%.0f %%,"
                        + " more than the %.0f %% allowed); nothing was applied. If the assets are really gone, a GIS"
                        + " analyst can force the run (POST /api/feeds/{feedId}/runs?force=true)",
                retiring, inService, type.table(), 100.0 * retiring / Math.max(1, inService), 100 * maxShare));
    }

    /** A run refused by the guard: it fails, and nothing of it is applied. */
    public static final class Refused extends SourceException {
        public Refused(String message) {
            super(message);
        }
    }
}
