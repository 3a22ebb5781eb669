package io.gridhub.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gridhub.siting.CustomerCategory;
import io.gridhub.siting.Importance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cases and their stages in {@code cases.connection_case} and {@code cases.case_stage}. */
@Repository
class CaseRepository {

    /** A case's stored fields, ready to insert or update. */
    record Row(String caseNo, String customerNo, String customerName, String contactName, String contactPhone,
               String address, double lon, double lat, double givenLon, double givenLat, String givenCrs,
               Double requestedKw, double requestedKva, double powerFactor, CustomerCategory customerCategory,
               String industryClass, Importance importance, Double requestedVoltageKv, Channel channel,
               String serviceUnit, String customerManager, String projectManager, boolean lowVoltage,
               Boolean gridWorks) {}

    private static final String CASE_COLUMNS = """
            c.case_no, c.customer_no, c.customer_name, c.contact_name, c.contact_phone, c.address,
            ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.given_lon, c.given_lat, c.given_crs, c.requested_kw,
            c.requested_kva, c.power_factor, c.customer_category, c.industry_class, c.importance,
            c.requested_voltage_kv, c.channel, c.service_unit, c.customer_manager, c.project_manager,
            c.low_voltage, c.grid_works, c.stage, c.status, c.mis_revision, c.created_at, c.updated_at
            """;

    private final JdbcTemplate jdbc;

    CaseRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String caseNo) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM cases.connection_case WHERE case_no = ?)", Boolean.class, caseNo));
    }

    void insert(Row r, Stage stage, long revision) {
        jdbc.update("""
                INSERT INTO cases.connection_case (case_no, customer_no, customer_name, contact_name, contact_phone,
                    address, geom, given_lon, given_lat, given_crs, requested_kw, requested_kva, power_factor,
                    customer_category, industry_class, importance, requested_voltage_kv, channel, service_unit,
                    customer_manager, project_manager, low_voltage, grid_works, stage, mis_revision)
                VALUES (?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4490), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?, ?, ?, ?, ?)
                """, r.caseNo(), r.customerNo(), r.customerName(), r.contactName(), r.contactPhone(), r.address(),
                r.lon(), r.lat(), r.givenLon(), r.givenLat(), r.givenCrs(), r.requestedKw(), r.requestedKva(),
                r.powerFactor(), r.customerCategory().name(), r.industryClass(), r.importance().name(),
                r.requestedVoltageKv(), r.channel().name(), r.serviceUnit(), r.customerManager(), r.projectManager(),
                r.lowVoltage(), r.gridWorks(), stage.name(), revision);
    }

    /** Replaces the application's fields (a MIS change); stage and status stay. */
    void update(Row r, long revision) {
        jdbc.update("""
                UPDATE cases.connection_case SET customer_no = ?, customer_name = ?, contact_name = ?,
                    contact_phone = ?, address = ?, geom = ST_SetSRID(ST_MakePoint(?, ?), 4490), given_lon = ?,
                    given_lat = ?, given_crs = ?, requested_kw = ?, requested_kva = ?, power_factor = ?,
                    customer_category = ?, industry_class = ?, importance = ?, requested_voltage_kv = ?, channel = ?,
                    service_unit = ?, customer_manager = ?, project_manager = ?, low_voltage = ?, grid_works = ?,
                    mis_revision = ?, updated_at = now()
                WHERE case_no = ?
                """, r.customerNo(), r.customerName(), r.contactName(), r.contactPhone(), r.address(), r.lon(),
                r.lat(), r.givenLon(), r.givenLat(), r.givenCrs(), r.requestedKw(), r.requestedKva(),
                r.powerFactor(), r.customerCategory().name(), r.industryClass(), r.importance().name(),
                r.requestedVoltageKv(), r.channel().name(), r.serviceUnit(), r.customerManager(), r.projectManager(),
                r.lowVoltage(), r.gridWorks(), revision, r.caseNo());
    }

    /** Locks the case row until the transaction ends, so that moves of one case are serialised. */
    boolean lock(String caseNo) {
        return !jdbc.queryForList("SELECT 1 FROM cases.connection_case WHERE case_no = ? FOR UPDATE", caseNo)
                .isEmpty();
    }

    void setStage(String caseNo, Stage stage, CaseStatus status, Boolean gridWorks) {
        jdbc.update("UPDATE cases.connection_case SET stage = ?, status = ?, grid_works = coalesce(?, grid_works), "
                + "updated_at = now() WHERE case_no = ?", stage.name(), status.name(), gridWorks, caseNo);
    }

    void setRevision(String caseNo, long revision) {
        jdbc.update("UPDATE cases.connection_case SET mis_revision = ?, updated_at = now() WHERE case_no = ?",
                revision, caseNo);
    }

    void startStage(String caseNo, Stage stage, OffsetDateTime at, String by, String note, TimeLimits.Limit limit) {
        jdbc.update("""
                INSERT INTO cases.case_stage (case_no, stage, started_at, started_by, note, limit_working_days, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, caseNo, stage.name(), at, by, note, limit.workingDays(), limit.dueAt());
    }

    void completeStage(String caseNo, OffsetDateTime at, String by) {
        jdbc.update("UPDATE cases.case_stage SET completed_at = ?, completed_by = ? "
                + "WHERE case_no = ? AND completed_at IS NULL", at, by, caseNo);
    }

    Optional<ConnectionCase> find(String caseNo,
                                  java.util.function.BiFunction<Row, List<StageRecord>, List<Stage>> nextStages) {
        List<ConnectionCase> found = jdbc.query("SELECT " + CASE_COLUMNS + " FROM cases.connection_case c WHERE c.case_no = ?",
                (rs, n) -> toCase(rs, stages(caseNo), nextStages), caseNo);
        return found.stream().findFirst();
    }

    List<StageRecord> stages(String caseNo) {
        return jdbc.query("""
                SELECT stage, started_at, started_by, note, limit_working_days, due_at, completed_at, completed_by,
                       time_flag
                FROM cases.case_stage WHERE case_no = ? ORDER BY id
                """, (rs, n) -> {
            Stage s = Stage.valueOf(rs.getString("stage"));
            return new StageRecord(s, s.label(), ts(rs, "started_at"), rs.getString("started_by"),
                    rs.getString("note"), (Integer) rs.getObject("limit_working_days"), ts(rs, "due_at"),
                    ts(rs, "completed_at"), rs.getString("completed_by"), TimeFlag.valueOf(rs.getString("time_flag")));
        }, caseNo);
    }

    /** The filter of GET /api/cases; null fields do not filter. */
    record Filter(Stage stage, String unit, String manager, Boolean overdue, String projectManagerOnly) {}

    private static final String SUMMARY = """
            SELECT c.case_no, c.customer_name, c.service_unit, c.customer_manager, c.project_manager, c.stage,
                   c.status, c.requested_kva, c.low_voltage, s.started_at, s.due_at, s.limit_working_days,
                   coalesce(s.time_flag, 'NONE') AS time_flag
            FROM cases.connection_case c
            LEFT JOIN cases.case_stage s ON s.case_no = c.case_no AND s.completed_at IS NULL
            """;

    List<SummaryRow> list(Filter f, int page, int pageSize) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        args.add(pageSize);
        args.add((long) page * pageSize);
        return jdbc.query(SUMMARY + where + " ORDER BY c.created_at DESC, c.case_no LIMIT ? OFFSET ?",
                (rs, n) -> summary(rs), args.toArray());
    }

    long count(Filter f) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        Long n = jdbc.queryForObject("SELECT count(*) FROM (" + SUMMARY + where + ") x", Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static String where(Filter f, List<Object> args) {
        StringBuilder w = new StringBuilder(" WHERE true");
        if (f.stage() != null) {
            w.append(" AND c.stage = ?");
            args.add(f.stage().name());
        }
        if (f.unit() != null) {
            w.append(" AND c.service_unit = ?");
            args.add(f.unit());
        }
        if (f.manager() != null) {
            w.append(" AND (c.customer_manager = ? OR c.project_manager = ?)");
            args.add(f.manager());
            args.add(f.manager());
        }
        if (f.projectManagerOnly() != null) {
            w.append(" AND c.project_manager = ?");
            args.add(f.projectManagerOnly());
        }
        if (f.overdue() != null) {
            w.append(f.overdue() ? " AND s.due_at < now()" : " AND (s.due_at IS NULL OR s.due_at >= now())");
        }
        return w.toString();
    }

    /** A list row before the time-limit arithmetic. */
    record SummaryRow(String caseNo, String customerName, String serviceUnit, String customerManager,
                      String projectManager, Stage stage, CaseStatus status, double requestedKva, boolean lowVoltage,
                      OffsetDateTime startedAt, OffsetDateTime dueAt, Integer limitWorkingDays, TimeFlag flag) {}

    /** The open, time-limited stages of open cases: what the time-limit job checks and dispatchers see. */
    List<SummaryRow> openLimited() {
        return jdbc.query(SUMMARY.replace("LEFT JOIN", "JOIN")
                + " WHERE c.status = 'OPEN' AND s.due_at IS NOT NULL ORDER BY s.due_at", (rs, n) -> summary(rs));
    }

    /** Sets the flag of the case's open stage; true when it changed. */
    boolean flag(String caseNo, TimeFlag flag) {
        return jdbc.update("UPDATE cases.case_stage SET time_flag = ? WHERE case_no = ? AND completed_at IS NULL "
                + "AND time_flag <> ?", flag.name(), caseNo, flag.name()) > 0;
    }

    private static SummaryRow summary(ResultSet rs) throws SQLException {
        return new SummaryRow(rs.getString("case_no"), rs.getString("customer_name"), rs.getString("service_unit"),
                rs.getString("customer_manager"), rs.getString("project_manager"), Stage.valueOf(rs.getString("stage")),
                CaseStatus.valueOf(rs.getString("status")), rs.getDouble("requested_kva"), rs.getBoolean("low_voltage"),
                ts(rs, "started_at"), ts(rs, "due_at"), (Integer) rs.getObject("limit_working_days"),
                TimeFlag.valueOf(rs.getString("time_flag")));
    }

    private static ConnectionCase toCase(ResultSet rs, List<StageRecord> stages,
                                         java.util.function.BiFunction<Row, List<StageRecord>, List<Stage>> nextStages)
            throws SQLException {
        Row r = new Row(rs.getString("case_no"), rs.getString("customer_no"), rs.getString("customer_name"),
                rs.getString("contact_name"), rs.getString("contact_phone"), rs.getString("address"),
                rs.getDouble("lon"), rs.getDouble("lat"), rs.getDouble("given_lon"), rs.getDouble("given_lat"),
                rs.getString("given_crs"), dbl(rs, "requested_kw"), rs.getDouble("requested_kva"),
                rs.getDouble("power_factor"), CustomerCategory.valueOf(rs.getString("customer_category")),
                rs.getString("industry_class"), Importance.valueOf(rs.getString("importance")),
                dbl(rs, "requested_voltage_kv"), Channel.valueOf(rs.getString("channel")), rs.getString("service_unit"),
                rs.getString("customer_manager"), rs.getString("project_manager"), rs.getBoolean("low_voltage"),
                (Boolean) rs.getObject("grid_works"));
        Stage stage = Stage.valueOf(rs.getString("stage"));
        CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
        return new ConnectionCase(r.caseNo(), r.customerNo(), r.customerName(), r.contactName(), r.contactPhone(),
                r.address(), new Site(r.lon(), r.lat(), "EPSG:4490"), new Site(r.givenLon(), r.givenLat(), r.givenCrs()),
                r.requestedKw(), r.requestedKva(), r.powerFactor(), r.customerCategory(), r.industryClass(),
                r.importance(), r.requestedVoltageKv(), r.channel(), r.serviceUnit(), r.customerManager(),
                r.projectManager(), r.lowVoltage(), r.gridWorks(), stage, stage.label(), status,
                rs.getLong("mis_revision"), status == CaseStatus.OPEN ? nextStages.apply(r, stages) : List.of(), stages,
                ts(rs, "created_at"), ts(rs, "updated_at"));
    }

    static Row rowOf(ConnectionCase c) {
        return new Row(c.caseNo(), c.customerNo(), c.customerName(), c.contactName(), c.contactPhone(), c.address(),
                c.site().lon(), c.site().lat(), c.siteAsGiven().lon(), c.siteAsGiven().lat(), c.siteAsGiven().crs(),
                c.requestedKw(), c.requestedKva(), c.powerFactor(), c.customerCategory(), c.industryClass(),
                c.importance(), c.requestedVoltageKv(), c.channel(), c.serviceUnit(), c.customerManager(),
                c.projectManager(), c.lowVoltage(), c.gridWorks());
    }

    private static OffsetDateTime ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
