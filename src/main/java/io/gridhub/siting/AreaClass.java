package io.gridhub.siting;

/** Area class of a site, which sets the low-voltage supply radius (供电半径). */
public enum AreaClass {
    /** 城区: dense urban area, short low-voltage radius */
    URBAN,
    /** 农村 / 牧区: rural area */
    RURAL
}
