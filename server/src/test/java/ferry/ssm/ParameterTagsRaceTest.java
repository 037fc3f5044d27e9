package ferry.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.Race;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AddTagsToResource racing on one parameter: no tag is lost and the parameter stops at 50. On
 * PostgreSQL ({@code -Dferry.test.db=postgres}) each request is its own transaction, as on several
 * nodes.
 */
class ParameterTagsRaceTest {
  static final int RACERS = 8;

  @TempDir Path dir;
  SsmFixture f;

  @BeforeEach
  void start() {
    f = new SsmFixture(dir);
    f.parameters().putParameter(f.dev, PutParameterRequest.of("/t", "v", ParameterType.STRING));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void tagsAddedAtOnce_noneLost_andTheParameterStopsAtFifty() throws Exception {
    List<Tag> kept = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      kept.add(new Tag("kept" + i, "v"));
    }
    f.ssm.tags().addTags(f.dev, "Parameter", "/t", kept);

    List<String> outcomes =
        Race.run(
            RACERS,
            racer -> {
              f.ssm
                  .tags()
                  .addTags(f.dev, "Parameter", "/t", List.of(new Tag("racer" + racer, "v")));
              return "racer" + racer;
            });

    List<String> tagged = outcomes.stream().filter(o -> o.startsWith("racer")).toList();
    assertThat(tagged).hasSize(5);
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("racer"))
        .hasSize(RACERS - 5)
        .allMatch(o -> o.startsWith("TooManyTagsError: "));
    List<String> stored =
        f.ssm.tags().listTags(f.dev, "Parameter", "/t").stream().map(Tag::key).toList();
    assertThat(stored).hasSize(50).containsAll(tagged);
  }
}
