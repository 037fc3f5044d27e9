package ferry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming writer writes each record byte for byte as the object tree it replaced did: {@code
 * cloudtrail/records-1.09.jsonl} holds the tree writer's record of each of {@link RecordedCalls},
 * one a line, in order, written by it before it was removed.
 */
class EventRecordWriterTest {
  static List<Arguments> cases() throws IOException {
    List<String> recorded;
    try (InputStream in =
        EventRecordWriterTest.class.getResourceAsStream("/cloudtrail/records-1.09.jsonl")) {
      recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<RecordedCalls.Case> calls = RecordedCalls.cases();
    assertThat(recorded).hasSameSizeAs(calls);
    return IntStream.range(0, calls.size())
        .mapToObj(i -> Arguments.of(calls.get(i), recorded.get(i)))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesTheSameBytesAsTheObjectTreeDid(RecordedCalls.Case call, String treeRecord) {
    assertThat(EventRecordWriter.write(call.call(), call.facts())).isEqualTo(treeRecord);
  }
}
