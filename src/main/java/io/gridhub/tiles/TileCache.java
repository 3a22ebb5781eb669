package io.gridhub.tiles;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gridhub.grid.GridChanged;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rendered tiles kept in memory, least recently used first out, up to a byte budget. A feed run
 * that changed the grid drops the tiles over the area it changed (all of them when it does not
 * say where, or when loads changed: a load moves open capacity anywhere). Capacity tiles also
 * expire after {@code hub.tiles.capacity-max-age}, because a confirmed plan commits capacity
 * without a feed run.
 */
@Component
class TileCache {

    private record Key(TileLayer layer, TileCoordinate tile) {}

    private record Entry(byte[] mvt, double[] bounds, Instant renderedAt) {}

    private final TileProperties properties;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    @Autowired
    TileCache(TileProperties properties) {
        this(properties, Clock.systemUTC());
    }

    TileCache(TileProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The cached tile, or null when it was never rendered, was dropped or has expired. */
    synchronized byte[] get(TileLayer layer, TileCoordinate tile) {
        Key key = new Key(layer, tile);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (layer == TileLayer.CAPACITY
                && e.renderedAt().plus(properties.capacityMaxAge()).isBefore(clock.instant())) {
            remove(key);
            return null;
        }
        return e.mvt();
    }

    synchronized void put(TileLayer layer, TileCoordinate tile, byte[] mvt) {
        if (mvt.length > properties.cacheMaxBytes()) {
            return;
        }
        Key key = new Key(layer, tile);
        remove(key);
        entries.put(key, new Entry(mvt, tile.lonLatBounds(0), clock.instant()));
        bytes += mvt.length;
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > properties.cacheMaxBytes() && eldest.hasNext()) {
            bytes -= eldest.next().getValue().mvt().length;
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    @EventListener
    void onGridChanged(GridChanged event) {
        double[] extent = event.extent();
        synchronized (this) {
            if (extent == null || event.loadsChanged()) {
                entries.clear();
                bytes = 0;
                return;
            }
            Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (intersects(e.bounds(), extent)) {
                    bytes -= e.mvt().length;
                    it.remove();
                }
            }
        }
    }

    private void remove(Key key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.mvt().length;
        }
    }

    private static boolean intersects(double[] a, double[] b) {
        return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
    }
}
