package ferry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same shared Ferry as {@link SharedFirstTest}, asked for through the builder. */
class SharedSecondTest {
  @RegisterExtension static final FerryExtension ferry = FerryExtension.builder().shared().build();

  @Test
  void usesTheSharedFerry(URI endpoint) {
    SharedFirstTest.SEEN.compareAndSet(null, endpoint);

    assertThat(endpoint).isEqualTo(SharedFirstTest.SEEN.get()).isEqualTo(ferry.endpoint());
  }
}
