package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test clock exists only when Ferry was started for tests. */
class ClockEndpointWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  @Test
  void movingTheClock_isRefused_withoutTheTestClock() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(ferry.endpoint() + "/_ferry/clock?advance=P30D"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("ferry serve --test-clock");
  }
}
