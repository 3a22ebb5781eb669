package io.gridhub.security;

/** The people who use the hub, as Spring Security roles. */
public enum HubRole {
    /** 客户经理: owns a connection case end to end, drafts and confirms supply plans. */
    CUSTOMER_MANAGER,
    /** 项目经理: owns the grid-side works of a case. */
    PROJECT_MANAGER,
    /** GIS 分析员: maintains the feeds that keep the grid store in sync. */
    GIS_ANALYST,
    /** 服务调度: watches time limits and chases overdue cases. */
    DISPATCHER,
    /** 管理员: everything. */
    ADMIN;

    /** The authority name Spring Security checks ({@code ROLE_…}). */
    public String authority() {
        return "ROLE_" + name();
    }
}
