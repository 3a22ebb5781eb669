package io.gridhub.cases;

/** Where the application came in (受理渠道). */
public enum Channel {
    /** 网上国网 app */
    WANGSHANG_GUOWANG,
    /** 蒙速办 app */
    MENGSUBAN,
    /** 蒙电e家 app */
    MENGDIAN_EJIA,
    /** 95598 website */
    WEB_95598,
    /** 营业厅 counter */
    COUNTER
}
