package io.gridhub.register;

import java.util.ArrayList;
import java.util.List;

import io.gridhub.feeds.FeedCatalog;
import io.gridhub.feeds.FeedKind;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the register's rules and refuses to start with a customer feed that cannot work (a JDBC
 * feed without URL or query, a mapping naming a field the register lacks), as the grid feeds do.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegisterProperties.class)
class RegisterConfiguration implements InitializingBean {

    private final FeedCatalog catalog;

    RegisterConfiguration(FeedCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        catalog.all().forEach((id, f) -> {
            String p = "hub.feeds." + id + ".";
            if (f.kind() == FeedKind.MIS_CUSTOMER_JDBC) {
                if (f.url() == null) problems.add(p + "url is missing");
                if (f.sql() == null) problems.add(p + "sql is missing");
            }
            if (f.kind() == FeedKind.MIS_CUSTOMER_JDBC || f.kind() == FeedKind.MIS_CUSTOMER_FILE) {
                if (f.assetType() != null) problems.add(p + "asset-type: a customer feed carries customers only");
                for (String field : f.mapping().keySet()) {
                    if (!CustomerMapper.FIELDS.contains(field)) {
                        problems.add(p + "mapping: '" + field + "' is not a customer register field; fields: "
                                + new java.util.TreeSet<>(CustomerMapper.FIELDS));
                    }
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid customer feed configuration:\n  - " + String.join("\n  - ", problems));
        }
    }
}
