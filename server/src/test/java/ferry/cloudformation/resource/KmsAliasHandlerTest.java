package ferry.cloudformation.resource;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.kms.KmsAlias;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsAliasHandlerTest {
  @TempDir Path dir;
  HandlerFixture world;
  KmsAliasHandler handler;
  String key;
  String otherKey;

  @BeforeEach
  void start() {
    world = new HandlerFixture(dir);
    handler = new KmsAliasHandler(world.kms);
    var keys = new KmsKeyHandler(world.kms);
    key = keys.create(world.request("Key", "{}")).physicalId();
    otherKey = keys.create(world.request("OtherKey", "{}")).attributes().get("Arn");
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void schema_replacesTheAliasForANewName() {
    assertThat(handler.schema().createOnly()).containsExactly("AliasName");
    assertThat(handler.schema().required()).containsExactlyInAnyOrder("AliasName", "TargetKeyId");
  }

  @Test
  void create_update_delete_goThroughKms() {
    String create = "{\"AliasName\": \"alias/s3deploykey\", \"TargetKeyId\": \"" + key + "\"}";
    Provisioned alias = handler.create(world.request("KeyAlias", create));
    assertThat(alias.physicalId()).isEqualTo("alias/s3deploykey");
    assertThat(targets()).containsExactly(key);

    handler.update(
        world.request(
            "KeyAlias",
            "{\"AliasName\": \"alias/s3deploykey\", \"TargetKeyId\": \"" + otherKey + "\"}"),
        alias,
        HandlerFixture.json(create));
    assertThat(otherKey).endsWith(targets().getFirst());

    handler.delete(world.request("KeyAlias", create), alias);
    assertThat(targets()).isEmpty();
    handler.delete(world.request("KeyAlias", create), alias);
  }

  @Test
  void aCallerWithoutCreateAlias_isDenied_andNoAliasIsMade() {
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        world.nobody(),
                        "KeyAlias",
                        "{\"AliasName\": \"alias/s3deploykey\", \"TargetKeyId\": \""
                            + key
                            + "\"}")),
            "AccessDeniedException")
        .contains("kms:CreateAlias");
    assertThat(targets()).isEmpty();
  }

  private List<String> targets() {
    return world.kms.aliases().listAliases(world.root, null, null, null).items().stream()
        .filter(alias -> alias.name().equals("alias/s3deploykey"))
        .map(KmsAlias::targetKeyId)
        .toList();
  }
}
