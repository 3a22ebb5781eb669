package io.gridhub.feeds;

/** Where a feed's records come from. */
public enum FeedKind {
    /** OGC WFS 2.0 GetFeature with GeoJSON output, paged by startIndex/count. */
    WFS,
    /** OGC API – Features {@code /collections/{id}/items}, following {@code next} links. */
    OGC_API,
    /** ArcGIS REST FeatureServer/MapServer layer {@code query}, paged by resultOffset. */
    ARCGIS,
    /** Files dropped into the feed's inbox: GeoJSON, GeoJSONSeq, CSV (WKT or lon/lat), zip. */
    FILE,
    /** Production MIS measured loads polled from a database view over JDBC. */
    MIS_JDBC,
    /** Production MIS monthly load exports (CSV or XLSX) dropped into the feed's inbox. */
    MIS_LOAD_FILE,
    /** Marketing MIS customer register (客户档案) polled from a database view over JDBC (io.gridhub.register). */
    MIS_CUSTOMER_JDBC,
    /** Marketing MIS customer register exports (CSV or XLSX) dropped into the feed's inbox (io.gridhub.register). */
    MIS_CUSTOMER_FILE
}
