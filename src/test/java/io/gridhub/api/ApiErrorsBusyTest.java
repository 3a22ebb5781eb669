package io.gridhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ApiErrorsBusyTest {

    @Test
    void workShedOnPurposeIsA503WithRetryAfterAndSaysWhatIsBusy() {
        ResponseEntity<ProblemDetail> answer = new ApiErrors().busy(new BusyException("the hub is busy: 7 grid reads wait",
                Duration.ofMillis(2500)));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getBody().getDetail()).contains("grid reads wait");
        assertThat(new ApiErrors().busy(new BusyException("x", Duration.ZERO)).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .as("never 0").isEqualTo("1");
    }
}
