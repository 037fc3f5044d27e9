package ferry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** With {@link SharedSecondTest}: one Ferry for both classes, whichever runs first starts it. */
@Ferry(shared = true)
class SharedFirstTest {
  /** The shared Ferry's endpoint, as the first of the two classes to run saw it. */
  static final AtomicReference<URI> SEEN = new AtomicReference<>();

  @Test
  void usesTheSharedFerry(LocalFerry ferry, URI endpoint) {
    SEEN.compareAndSet(null, endpoint);

    assertThat(endpoint).isEqualTo(SEEN.get()).isEqualTo(ferry.endpoint());
    assertThat(ferry.accountNames()).containsExactly("dev", "prod");
  }
}
