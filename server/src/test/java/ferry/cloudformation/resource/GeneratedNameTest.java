package ferry.cloudformation.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratedNameTest {

  @Test
  void joinsStackLogicalIdAndARandomSuffix() {
    assertThat(GeneratedName.of("dev", "ArtifactBucket", 63))
        .matches("dev-ArtifactBucket-[A-Z0-9]{12}");
    assertThat(GeneratedName.lowerCase("dev", "ArtifactBucket", 63))
        .matches("dev-artifactbucket-[a-z0-9]{12}");
  }

  @Test
  void shortensTheStackNameFirstToFitTheLimit() {
    String name = GeneratedName.of("a".repeat(100), "PipelineServiceRole", 64);
    assertThat(name).hasSize(64).contains("-PipelineServiceRole-").startsWith("aaaa");
  }

  @Test
  void shortensBothWhenEachIsLong() {
    String name = GeneratedName.of("s".repeat(100), "L".repeat(100), 63);
    assertThat(name).hasSize(63).matches("s{25}-L{24}-[A-Z0-9]{12}");
  }
}
