package io.gridhub.poweron;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import io.gridhub.cases.ConnectionCase;
import io.gridhub.messaging.outbox.Outbox;
import io.gridhub.messaging.outbox.OutboundMessage;
import io.gridhub.register.Customer;
import io.gridhub.register.RegisterService;
import io.gridhub.register.CustomerStatus;
import io.gridhub.register.UsageCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What power-on changes, all in the case's own transaction (the stage change commits with it or
 * not at all): the case's capacity promises are marked connected (they keep counting until a
 * measured peak includes the load, see {@link CommitmentRelease}); the customer joins the register
 * on the transformer and feeder it was promised; a new customer counts on its feeder; the service
 * point is appended to the outbox as {@code created UsagePoint} for the GIS and listed in the
 * pending GIS edits until the GIS team confirms it.
 */
@Service
public class PowerOnService {

    /** Feed id recorded on customers that joined the register at power-on. */
    public static final String FEED_ID = "power-on";
    static final String NAMESPACE = "urn:gridhub:register:1";
    private static final Logger log = LoggerFactory.getLogger(PowerOnService.class);

    private final JdbcTemplate jdbc;
    private final RegisterService register;
    private final Outbox outbox;
    private final PowerOnProperties properties;

    PowerOnService(JdbcTemplate jdbc, RegisterService register, Outbox outbox, PowerOnProperties properties) {
        this.jdbc = jdbc;
        this.register = register;
        this.outbox = outbox;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public ServicePoint connected(ConnectionCase c) {
        OffsetDateTime now = OffsetDateTime.now();
        String transformer = promised(c.caseNo(), "DISTRIBUTION_TRANSFORMER");
        String feeder = promised(c.caseNo(), "FEEDER");
        if (transformer == null) {
            transformer = nearestPublicTransformer(c.site().lon(), c.site().lat());
        }
        if (feeder == null && transformer != null) {
            feeder = jdbc.query("SELECT feeder_ref FROM grid.distribution_transformer WHERE source_id = ? AND lifecycle = 'IN_SERVICE'"
                    + " LIMIT 1", rs -> rs.next() ? rs.getString(1) : null, transformer);
        }
        jdbc.update("UPDATE capacity.commitment SET connected_at = coalesce(connected_at, ?) WHERE case_ref = ? AND status = 'ACCEPTED'",
                now, c.caseNo());
        String customerNo = c.customerNo() == null || c.customerNo().isBlank() ? "CASE-" + c.caseNo() : c.customerNo();
        ServicePoint point = new ServicePoint(c.caseNo(), customerNo, c.customerName(), c.customerCategory().name(),
                Math.round(c.requestedKva() * 10) / 10.0, c.serviceUnit(), transformer, feeder, c.site().lon(),
                c.site().lat(), now);
        boolean newCustomer = register.upsert(new Customer(customerNo, c.customerName(), null, c.address(),
                UsageCategory.valueOf(point.usageCategory()), java.math.BigDecimal.valueOf(point.contractedKva()),
                CustomerStatus.ACTIVE, c.serviceUnit(), null, transformer, feeder, point.lon(), point.lat()), FEED_ID);
        if (newCustomer && feeder != null) {
            // siting closes a feeder to new customers past hub.siting.max-customers-per-feeder: it must see this one
            jdbc.update("UPDATE grid.feeder SET connected_customers = coalesce(connected_customers, 0) + 1"
                    + " WHERE source_id = ? AND lifecycle = 'IN_SERVICE'", feeder);
        }
        String messageId = "usage-point-created-" + c.caseNo();
        int listed = jdbc.update("""
                INSERT INTO register.pending_gis_edit (id, case_no, customer_no, name, usage_category, contracted_kva,
                    service_unit, transformer_ref, feeder_ref, geom, connected_at, message_id)
                VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4490), ?, ?)
                ON CONFLICT (case_no) DO NOTHING
                """, c.caseNo(), customerNo, c.customerName(), point.usageCategory(), point.contractedKva(),
                c.serviceUnit(), transformer, feeder, point.lon(), point.lat(), now, messageId);
        if (listed > 0) {
            outbox.append(new OutboundMessage(messageId, properties.gisEditsAddress(), c.caseNo(), "created", "UsagePoint",
                    null, payload(point)));
        }
        log.info("case {} powered on: customer {} on transformer {} feeder {}", c.caseNo(), customerNo, transformer, feeder);
        return point;
    }

    private String promised(String caseNo, String assetType) {
        List<String> refs = jdbc.queryForList("SELECT asset_ref FROM capacity.commitment WHERE case_ref = ? AND asset_type = ?"
                + " AND status = 'ACCEPTED' ORDER BY id", String.class, caseNo, assetType);
        return refs.isEmpty() ? null : refs.get(0);
    }

    private String nearestPublicTransformer(double lon, double lat) {
        return jdbc.query("""
                SELECT source_id FROM grid.distribution_transformer
                WHERE lifecycle = 'IN_SERVICE' AND ownership = 'PUBLIC'
                  AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography, ?)
                ORDER BY geom::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography
                LIMIT 1
                """, rs -> rs.next() ? rs.getString(1) : null, lon, lat, properties.fallbackTransformerRadiusM(), lon, lat);
    }

    /** The {@code created UsagePoint} payload, in the register's namespace. */
    static String payload(ServicePoint p) {
        StringBuilder x = new StringBuilder("<UsagePoint xmlns=\"" + NAMESPACE + "\">");
        element(x, "caseNo", p.caseNo());
        element(x, "customerNo", p.customerNo());
        element(x, "name", p.name());
        element(x, "usageCategory", p.usageCategory());
        element(x, "contractedKva", Double.toString(p.contractedKva()));
        element(x, "serviceUnit", p.serviceUnit());
        element(x, "transformerRef", p.transformerRef());
        element(x, "feederRef", p.feederRef());
        element(x, "lon", String.format(Locale.ROOT, "%.7f", p.lon()));
        element(x, "lat", String.format(Locale.ROOT, "%.7f", p.lat()));
        element(x, "crs", "EPSG:4490");
        element(x, "connectedAt", p.connectedAt().toString());
        return x.append("</UsagePoint>").toString();
    }

    private static void element(StringBuilder x, String name, String value) {
        if (value != null) {
            x.append('<').append(name).append('>').append(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</").append(name).append('>');
        }
    }
}
