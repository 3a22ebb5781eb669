package io.gridhub.operations;

import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 item 15: 503 until ready (not a 500 from a stopped Camel context), and a Quartz id on any host. */
class StartupGateTest {

    MockHttpServletResponse call(StartupGate gate, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
        return response;
    }

    @Test
    void requestsBeforeTheHubIsReadyGet503WithRetryAfterButHealthIsOpen() throws Exception {
        StartupGate gate = new StartupGate();
        MockHttpServletResponse early = call(gate, "/api/grid/summary");
        assertThat(early.getStatus()).isEqualTo(503);
        assertThat(early.getHeader("Retry-After")).isEqualTo("5");
        assertThat(early.getContentAsString()).contains("starting or stopping");
        assertThat(call(gate, "/actuator/health").getStatus()).isEqualTo(200);

        gate.ready();
        assertThat(call(gate, "/api/grid/summary").getStatus()).isEqualTo(200);
        gate.closing();
        assertThat(call(gate, "/api/grid/summary").getStatus()).isEqualTo(503);
    }

    @Test
    void healthSaysOutOfServiceWhileTheGateTurnsRequestsAway() {
        StartupGate gate = new StartupGate();
        StartupHealth health = new StartupHealth(gate);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        gate.ready();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        gate.closing();
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void aHostWhoseNameDoesNotResolveStillGetsAQuartzInstanceId() {
        assertThat(QuartzInstanceIds.generate(() -> "gis-hub-1")).startsWith("gis-hub-1");
        String generated = QuartzInstanceIds.generate(() -> {
            throw new UnknownHostException("gis-hub-1: Name or service not known");
        });
        assertThat(generated).startsWith("gridhub-").hasSizeGreaterThan(20);
        assertThat(QuartzInstanceIds.generate(() -> {
            throw new UnknownHostException("x");
        })).isNotEqualTo(generated);
    }
}
