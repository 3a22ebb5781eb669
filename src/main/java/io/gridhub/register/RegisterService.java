package io.gridhub.register;

import org.springframework.stereotype.Service;

/**
 * What other capabilities may do to the customer register (客户档案): today, add or replace one
 * customer when a case is powered on. The register's SQL stays in its repositories.
 */
@Service
public class RegisterService {

    private final CustomerRegister register;

    RegisterService(CustomerRegister register) {
        this.register = register;
    }

    /**
     * Inserts or replaces a customer in the caller's transaction.
     *
     * @param source the feed id the register records as the customer's source
     * @return whether the customer is new to the register
     */
    public boolean upsert(Customer customer, String source) {
        return register.upsert(customer, source);
    }
}
