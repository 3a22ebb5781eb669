package io.gridhub.siting;

/** How the new 10 kV line is built: overhead line (架空线) tied into a pole, or cable (电缆) into switchgear. */
public enum LineKind {
    OVERHEAD,
    CABLE;

    /** The kind the grid store records ({@code line_kind}, checked by V1), null when it records none. */
    static LineKind ofStored(String stored) {
        return stored == null ? null : valueOf(stored);
    }
}
