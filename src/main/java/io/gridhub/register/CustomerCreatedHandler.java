package io.gridhub.register;

import io.gridhub.geo.ServiceArea;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code created/changed Customer}: a customer of the marketing MIS (用电户) joins or changes in the register. */
@Component
class CustomerCreatedHandler extends CustomerMessageHandler {

    CustomerCreatedHandler(CustomerRegister register, TransactionTemplate tx, ServiceArea serviceArea,
                           RegisterProperties properties) {
        super(register, tx, serviceArea, properties);
    }

    @Override
    public String noun() {
        return "Customer";
    }
}
