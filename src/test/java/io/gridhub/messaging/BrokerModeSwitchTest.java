package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class BrokerModeSwitchTest {

    @Test
    void nativeModeTurnsTheEmbeddedBrokerOff() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.artemis.mode", "native");
        new BrokerModeSwitch().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
    }

    @Test
    void embeddedModeKeepsIt() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.artemis.mode", "embedded");
        new BrokerModeSwitch().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.artemis.embedded.enabled")).isNull();
    }
}
