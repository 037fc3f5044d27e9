package ferry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming writer writes each record byte for byte as the object tree did. */
class EventRecordWriterTest {
  static List<RecordedCalls.Case> cases() {
    return RecordedCalls.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesTheSameBytesAsTheObjectTree(RecordedCalls.Case recorded) throws Exception {
    String streamed = EventRecordWriter.write(recorded.call(), recorded.facts());

    assertThat(streamed).isEqualTo(EventRecords.treeRecord(recorded.call(), recorded.facts()));
    assertThat(new ObjectMapper().readTree(streamed).isObject()).isTrue();
  }
}
