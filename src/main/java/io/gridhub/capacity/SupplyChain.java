package io.gridhub.capacity;

/**
 * The links a connection draws on (供电路径): customer → distribution transformer (low voltage
 * only) → 10 kV feeder → main transformer → substation. A link the store cannot resolve is null.
 *
 * @param transformerId distribution transformer (配变), low-voltage connections only
 * @param feederId 10 kV feeder (馈线)
 * @param busbarId 10 kV busbar (母线) the feeder leaves from
 * @param mainTransformerId main transformer (主变) behind that busbar
 * @param substationId substation (变电站)
 */
public record SupplyChain(String transformerId, String feederId, String busbarId, String mainTransformerId,
                          String substationId) {
}
