package io.gridhub.plans;

import io.gridhub.grid.AssetType;

/**
 * One power source of a plan (电源): substation → busbar → feeder → pole / ring main unit /
 * transformer, main or standby, and the capacity committed on its chain when the plan is confirmed.
 *
 * @param role MAIN or STANDBY
 * @param roleLabel 主供 or 备用
 * @param assetId the candidate: the feeder (10 kV) or the distribution transformer (low voltage)
 * @param assetType FEEDER or DISTRIBUTION_TRANSFORMER
 * @param assetName its name
 * @param transformerId the public distribution transformer (low voltage only)
 * @param feederId 10 kV feeder
 * @param busbarId 10 kV busbar
 * @param mainTransformerId main transformer
 * @param substationId substation
 * @param connectionPoint where the new line is tied in
 * @param lineKind OVERHEAD or CABLE at the connection point
 * @param routeLengthM estimated length of the new line (m)
 * @param committedKva capacity committed on every asset of the chain (confirmed plans; what will be committed for drafts)
 */
public record PlanSource(
        SourceRole role,
        String roleLabel,
        String assetId,
        AssetType assetType,
        String assetName,
        String transformerId,
        String feederId,
        String busbarId,
        String mainTransformerId,
        String substationId,
        ConnectionPoint connectionPoint,
        String lineKind,
        double routeLengthM,
        double committedKva) {

    PlanSource as(SourceRole r) {
        return new PlanSource(r, r.label(), assetId, assetType, assetName, transformerId, feederId, busbarId,
                mainTransformerId, substationId, connectionPoint, lineKind, routeLengthM, committedKva);
    }
}
