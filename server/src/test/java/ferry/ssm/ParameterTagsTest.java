package ferry.ssm;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterTagsTest {
  @TempDir Path dir;
  SsmFixture f;
  Caller dev;
  ParameterTags tags;

  @BeforeEach
  void start() {
    f = new SsmFixture(dir);
    dev = f.dev;
    tags = f.ssm.tags();
    f.parameters().putParameter(dev, PutParameterRequest.of("/t", "v", ParameterType.STRING));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void addListRemove() {
    tags.addTags(dev, "Parameter", "/t", List.of(new Tag("team", "web"), new Tag("env", "dev")));
    tags.addTags(dev, "Parameter", "/t", List.of(new Tag("env", "prod")));
    assertThat(tags.listTags(dev, "Parameter", "/t"))
        .containsExactly(new Tag("env", "prod"), new Tag("team", "web"));
    tags.removeTags(dev, "Parameter", "/t", List.of("env", "absent"));
    assertThat(tags.listTags(dev, "Parameter", "/t")).containsExactly(new Tag("team", "web"));
  }

  @Test
  void tagsGoWithTheParameter() {
    tags.addTags(dev, "Parameter", "/t", List.of(new Tag("team", "web")));
    f.parameters().deleteParameter(dev, "/t");
    f.parameters().putParameter(dev, PutParameterRequest.of("/t", "v", ParameterType.STRING));
    assertThat(tags.listTags(dev, "Parameter", "/t")).isEmpty();
  }

  @Test
  void badTags_areRefused_andNothingChanges() {
    tags.addTags(dev, "Parameter", "/t", List.of(new Tag("keep", "1")));
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(new Tag("k" + i, "v"));
    }
    assertAwsError(() -> tags.addTags(dev, "Parameter", "/t", many), "TooManyTagsError");
    assertAwsError(
        () -> tags.addTags(dev, "Parameter", "/t", List.of(new Tag("aws:owner", "me"))),
        "ValidationException");
    assertAwsError(
        () ->
            tags.addTags(dev, "Parameter", "/t", List.of(new Tag("dup", "1"), new Tag("dup", "2"))),
        "ValidationException");
    assertAwsError(
        () -> tags.addTags(dev, "Parameter", "/t", List.of(new Tag("bad#key", "1"))),
        "ValidationException");
    assertAwsError(
        () -> tags.addTags(dev, "Document", "/t", List.of(new Tag("a", "1"))),
        "InvalidResourceType");
    assertAwsError(
        () -> tags.addTags(dev, "Parameter", "/missing", List.of(new Tag("a", "1"))),
        "InvalidResourceId");
    assertThat(tags.listTags(dev, "Parameter", "/t")).containsExactly(new Tag("keep", "1"));
    tags.addTags(dev, "Parameter", "/t", many.subList(0, 49));
    assertThat(tags.listTags(dev, "Parameter", "/t")).hasSize(50);
  }

  @Test
  void taggingNeedsItsOwnGrant_andOnCreateToo() {
    Caller writer =
        f.user(
            "writer",
            """
            {"Effect":"Allow","Action":["ssm:PutParameter","ssm:ListTagsForResource"],
             "Resource":"*"}\
            """);
    assertAwsError(
            () -> tags.addTags(writer, "Parameter", "/t", List.of(new Tag("a", "1"))),
            "AccessDeniedException")
        .contains("ssm:AddTagsToResource");
    var tagged =
        new PutParameterRequest(
            "/tagged",
            "v",
            ParameterType.STRING,
            null,
            false,
            null,
            null,
            List.of(new Tag("a", "1")),
            null,
            null,
            null);
    assertAwsError(() -> f.parameters().putParameter(writer, tagged), "AccessDeniedException")
        .contains("ssm:AddTagsToResource");
    assertAwsError(() -> f.parameters().getParameter(dev, "/tagged", false), "ParameterNotFound");
    assertThat(tags.listTags(writer, "Parameter", "/t")).isEmpty();
  }
}
