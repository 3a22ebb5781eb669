package io.gridhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The shipped broker properties are the embedded broker's rules, with application.yml's defaults. */
class BrokerPropertiesFileTest {

    @Test
    void theShippedFileIsWhatTheRulesSay() throws Exception {
        BrokerProperties defaults = BrokerProperties.defaults("127.0.0.1", 61616, 1000);
        assertThat(Files.readString(Path.of("config/artemis/broker.properties")))
                .as("regenerate with BrokerPropertiesFile.main").isEqualTo(BrokerPropertiesFile.write(defaults));
        assertThat(BrokerPropertiesFile.write(defaults))
                .contains("securityRoles.\"gridhub.requests\".mis.send=true\n")
                .doesNotContain("securityRoles.\"#\"")
                .contains("addressesSettings.\"gridhub.#\".deadLetterAddress=gridhub.DLQ\n")
                .contains("addressesSettings.\"#\".autoCreateAddresses=false\n");
    }
}
