package io.gridhub.grid;

import java.util.List;
import java.util.Map;

import static io.gridhub.grid.AssetField.integer;
import static io.gridhub.grid.AssetField.number;
import static io.gridhub.grid.AssetField.requiredInteger;
import static io.gridhub.grid.AssetField.requiredNumber;
import static io.gridhub.grid.AssetField.requiredText;
import static io.gridhub.grid.AssetField.text;

/**
 * The mapped fields of each asset table (besides feed_id, source_id, name and geom, which every
 * table has), mirroring migration V1. Feeds map source attributes onto these names; the sample
 * grid files use them as property names.
 */
public final class AssetSchema {

    private static final Map<AssetType, List<AssetField>> FIELDS = Map.of(
            AssetType.SUBSTATION, List.of(requiredNumber("voltage_kv")),
            AssetType.MAIN_TRANSFORMER, List.of(requiredText("substation_ref"), requiredNumber("rated_kva")),
            AssetType.BUSBAR, List.of(requiredText("substation_ref"), text("main_transformer_ref"), number("voltage_kv")),
            AssetType.FEEDER, List.of(requiredText("substation_ref"), text("busbar_ref"), number("voltage_kv"),
                    text("conductor"), number("rated_current_a"), number("rated_kva"),
                    new AssetField("tie_feeder_refs", AssetField.Type.TEXT_ARRAY, false), integer("connected_customers")),
            AssetType.FEEDER_SECTION, List.of(requiredText("feeder_ref"), text("conductor"), text("line_kind")),
            AssetType.POLE, List.of(requiredText("feeder_ref"), text("pole_number")),
            AssetType.RING_MAIN_UNIT, List.of(requiredText("kind"), requiredText("feeder_ref"),
                    requiredInteger("total_bays"), requiredInteger("spare_bays")),
            AssetType.DISTRIBUTION_TRANSFORMER, List.of(requiredText("kind"), requiredText("ownership"),
                    requiredNumber("rated_kva"), requiredText("feeder_ref"), text("pole_ref"), text("ring_main_unit_ref")));

    /** Asset types whose records may come without geometry (the production MIS often has none). */
    private static final List<AssetType> GEOMETRY_OPTIONAL =
            List.of(AssetType.MAIN_TRANSFORMER, AssetType.BUSBAR, AssetType.FEEDER);

    private AssetSchema() {
    }

    /** The mapped fields of a type, in column order. */
    public static List<AssetField> fields(AssetType type) {
        return FIELDS.get(type);
    }

    /** Whether a record of this type is valid without geometry. */
    public static boolean geometryOptional(AssetType type) {
        return GEOMETRY_OPTIONAL.contains(type);
    }
}
