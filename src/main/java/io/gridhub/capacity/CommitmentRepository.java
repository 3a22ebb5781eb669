package io.gridhub.capacity;

import java.util.ArrayList;
import java.util.List;

import io.gridhub.grid.AssetType;
import io.gridhub.grid.GridReads;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Capacity promised to accepted cases (承诺容量). A case commits its request on every link of its
 * supply chain; the promise stops counting when the case is cancelled, or once the customer is
 * connected and a measured peak includes the load.
 */
@Repository
public class CommitmentRepository {

    private final JdbcTemplate jdbc;
    private final GridReads reads;

    public CommitmentRepository(JdbcTemplate jdbc, GridReads reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    /** Promises {@code kva} on each resolved link of {@code chain} to {@code caseRef}; a repeat replaces it. */
    @Transactional
    public void commit(String caseRef, SupplyChain chain, double kva) {
        if (kva <= 0) {
            throw new IllegalArgumentException("committed capacity must be positive, was " + kva);
        }
        List<Object[]> rows = new ArrayList<>();
        add(rows, caseRef, AssetType.DISTRIBUTION_TRANSFORMER, chain.transformerId(), kva);
        add(rows, caseRef, AssetType.FEEDER, chain.feederId(), kva);
        add(rows, caseRef, AssetType.MAIN_TRANSFORMER, chain.mainTransformerId(), kva);
        jdbc.batchUpdate("""
                INSERT INTO capacity.commitment (case_ref, asset_type, asset_ref, committed_kva)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (case_ref, asset_type, asset_ref) DO UPDATE
                SET committed_kva = excluded.committed_kva, status = 'ACCEPTED', closed_at = NULL,
                    committed_at = now()
                """, rows);
        // the answers after the confirmation show the promise: not from a replica that has not replayed it
        reads.wroteOnCommit();
    }

    /**
     * The customer of the case is connected. The promise keeps counting until a measured peak of a
     * month after the connection includes the load (then {@code poweron.CommitmentRelease} closes it
     * as CONNECTED): closing it now would drop the capacity from open-capacity figures until then.
     */
    public int connected(String caseRef) {
        return jdbc.update("UPDATE capacity.commitment SET connected_at = coalesce(connected_at, now())"
                + " WHERE case_ref = ? AND status = 'ACCEPTED'", caseRef);
    }

    /** The case was cancelled: its capacity is free again. */
    public int cancelled(String caseRef) {
        return close(caseRef, "CANCELLED");
    }

    private int close(String caseRef, String status) {
        reads.wroteOnCommit();
        return jdbc.update("UPDATE capacity.commitment SET status = ?, closed_at = now() "
                + "WHERE case_ref = ? AND status = 'ACCEPTED'", status, caseRef);
    }

    private static void add(List<Object[]> rows, String caseRef, AssetType type, String ref, double kva) {
        if (ref != null) {
            rows.add(new Object[] {caseRef, type.name(), ref, kva});
        }
    }
}
