package io.gridhub.register;

import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Single customers in {@code register.customer}: what IEC 61968-100 messages read and write. */
@Repository
class CustomerRegister {

    private final JdbcTemplate jdbc;

    CustomerRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored fields of an in-service customer by register field name, for a partial change. */
    Optional<Map<String, Object>> fields(String customerNo) {
        return jdbc.queryForList("""
                SELECT customer_no, name, meter_no, address, usage_category, contracted_kva, status, service_unit,
                       transformer_area, transformer_ref, feeder_ref, ST_X(geom) AS lon, ST_Y(geom) AS lat
                FROM register.customer WHERE customer_no = ? AND lifecycle = 'IN_SERVICE'
                """, customerNo).stream().findFirst();
    }

    /** Inserts or replaces a customer (in the caller's transaction); returns whether it was new. */
    boolean upsert(Customer c, String feedId) {
        Boolean inserted = jdbc.queryForObject("""
                INSERT INTO register.customer AS r (customer_no, feed_id, name, meter_no, address, usage_category,
                    contracted_kva, status, service_unit, transformer_area, transformer_ref, feeder_ref, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4490) END)
                ON CONFLICT (customer_no) DO UPDATE SET
                    feed_id = EXCLUDED.feed_id, name = EXCLUDED.name, meter_no = EXCLUDED.meter_no,
                    address = EXCLUDED.address, usage_category = EXCLUDED.usage_category,
                    contracted_kva = EXCLUDED.contracted_kva, status = EXCLUDED.status,
                    service_unit = EXCLUDED.service_unit, transformer_area = EXCLUDED.transformer_area,
                    transformer_ref = EXCLUDED.transformer_ref, feeder_ref = EXCLUDED.feeder_ref, geom = EXCLUDED.geom,
                    content_hash = NULL, lifecycle = 'IN_SERVICE', retired_at = NULL, updated_at = now()
                RETURNING (xmax = 0)
                """, Boolean.class, c.customerNo(), feedId, c.name(), c.meterNo(), c.address(), c.usageCategory().name(),
                c.contractedKva(), c.status().name(), c.serviceUnit(), c.transformerArea(), c.transformerRef(),
                c.feederRef(), c.lon(), c.lon(), c.lat());
        return Boolean.TRUE.equals(inserted);
    }
}
