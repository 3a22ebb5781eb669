package io.gridhub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ProductionSafetyCheckTest {

    private MockEnvironment production() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("production");
        return env;
    }

    @Test
    void refusesDefaultsWithAListOfWhatToFix() {
        MockEnvironment env = production()
                .withProperty("spring.datasource.password", "gridhub")
                .withProperty("spring.artemis.password", "gridhub")
                .withProperty("hub.broker.mis-password", "mis")
                .withProperty("spring.artemis.mode", "embedded")
                .withProperty("hub.security.demo-users", "true");
        assertThatThrownBy(() -> new ProductionSafetyCheck().postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("spring.datasource.password")
                .hasMessageContaining("spring.artemis.password")
                .hasMessageContaining("hub.broker.mis-password")
                .hasMessageContaining("spring.artemis.mode must be native")
                .hasMessageContaining("demo-users");
    }

    @Test
    void startsWithRealSecretsAndAnExternalBroker() {
        MockEnvironment env = production()
                .withProperty("spring.datasource.password", "s3cret-db")
                .withProperty("spring.artemis.password", "s3cret-broker")
                .withProperty("hub.broker.mis-password", "s3cret-mis")
                .withProperty("spring.artemis.mode", "native")
                .withProperty("hub.security.demo-users", "false");
        assertThat(ProductionSafetyCheck.problems(env)).isEmpty();
        new ProductionSafetyCheck().postProcessEnvironment(env, new SpringApplication());
    }

    @Test
    void otherProfilesAreNotCheckedForProductionRules() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.password", "gridhub");
        new ProductionSafetyCheck().postProcessEnvironment(env, new SpringApplication());
    }

    /** Issue 11 item 11: default credentials are refused whenever a listener is not loopback, in any profile. */
    @Test
    void demoUsersAreRefusedUnlessTheWebServerListensOnLoopbackOnly() {
        MockEnvironment everyInterface = new MockEnvironment().withProperty("hub.security.demo-users", "true");
        assertThatThrownBy(() -> new ProductionSafetyCheck().postProcessEnvironment(everyInterface, new SpringApplication()))
                .hasMessageContaining("demo users").hasMessageContaining("every interface");
        MockEnvironment wildcard = new MockEnvironment().withProperty("hub.security.demo-users", "true")
                .withProperty("server.address", "0.0.0.0");
        assertThat(ProductionSafetyCheck.exposedDefaults(wildcard)).singleElement().asString().contains("0.0.0.0");
        MockEnvironment local = new MockEnvironment().withProperty("hub.security.demo-users", "true")
                .withProperty("server.address", "127.0.0.1");
        new ProductionSafetyCheck().postProcessEnvironment(local, new SpringApplication());
        assertThat(ProductionSafetyCheck.exposedDefaults(new MockEnvironment())).as("no demo users by default").isEmpty();
    }

    @Test
    void theEmbeddedBrokersDefaultPasswordsAreRefusedOnANetworkAcceptor() {
        MockEnvironment open = new MockEnvironment().withProperty("hub.broker.host", "0.0.0.0")
                .withProperty("spring.artemis.password", "gridhub").withProperty("hub.broker.mis-password", "mis");
        assertThat(ProductionSafetyCheck.exposedDefaults(open)).hasSize(2);
        MockEnvironment secret = new MockEnvironment().withProperty("hub.broker.host", "0.0.0.0")
                .withProperty("spring.artemis.password", "s3cret").withProperty("hub.broker.mis-password", "s3cret-mis");
        assertThat(ProductionSafetyCheck.exposedDefaults(secret)).isEmpty();
        MockEnvironment gis = new MockEnvironment().withProperty("hub.broker.host", "0.0.0.0")
                .withProperty("spring.artemis.password", "s3cret").withProperty("hub.broker.mis-password", "s3cret-mis")
                .withProperty("hub.broker.gis-user", "gis").withProperty("hub.broker.gis-password", "gis");
        assertThat(ProductionSafetyCheck.exposedDefaults(gis)).singleElement().asString().contains("hub.broker.gis-password");
        MockEnvironment loopback = new MockEnvironment().withProperty("spring.artemis.password", "gridhub")
                .withProperty("hub.broker.mis-password", "mis");
        assertThat(ProductionSafetyCheck.exposedDefaults(loopback)).isEmpty();
    }
}
