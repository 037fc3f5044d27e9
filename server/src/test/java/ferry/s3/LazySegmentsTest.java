package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazySegmentsTest {
  @Test
  void segments_areReadOnFirstUse_once_andAVersionKeepsThemUnread() {
    AtomicInteger reads = new AtomicInteger();
    var segments =
        new LazySegments(() -> {
          reads.incrementAndGet();
          return List.of(new Segment(1, 5), new Segment(2, 3));
        });

    ObjectVersion version =
        new ObjectVersion(
            "b",
            "k",
            "null",
            1,
            true,
            false,
            8,
            "\"etag-2\"",
            java.util.Map.of(),
            S3Fixture.DEV,
            "blob",
            java.time.Instant.EPOCH,
            List.of(),
            java.util.Map.of(),
            null,
            null,
            segments);
    assertThat(reads).hasValue(0);
    assertThat(version.segments()).isSameAs(segments);

    assertThat(version.partRange(2)).isEqualTo(new ByteRange(5, 7, false));
    assertThat(version.segments()).hasSize(2);
    assertThat(reads).hasValue(1);
    assertThatThrownBy(() -> segments.add(new Segment(3, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
