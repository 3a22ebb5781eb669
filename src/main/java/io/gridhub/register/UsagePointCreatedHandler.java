package io.gridhub.register;

import io.gridhub.geo.ServiceArea;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code created/changed UsagePoint}: a customer's usage point (计量点: meter, location, transformer
 * area) is created or moves; same payload fields as {@code Customer}, keyed by the customer number.
 */
@Component
class UsagePointCreatedHandler extends CustomerMessageHandler {

    UsagePointCreatedHandler(CustomerRegister register, TransactionTemplate tx, ServiceArea serviceArea,
                             RegisterProperties properties) {
        super(register, tx, serviceArea, properties);
    }

    @Override
    public String noun() {
        return "UsagePoint";
    }
}
