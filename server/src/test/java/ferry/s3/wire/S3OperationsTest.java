package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.protocol.restxml.S3Operation;
import ferry.testing.BotocoreModels;
import ferry.testing.BotocoreModels.Operation;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class S3OperationsTest {
  private static final Set<String> SIGNED_ELSEWHERE =
      Set.of("ListDirectoryBuckets", "WriteGetObjectResponse");

  private final Map<String, S3Operation> catalogue =
      S3Operations.ALL.stream().collect(Collectors.toMap(S3Operation::name, Function.identity()));

  @Test
  void everyOperationOfTheModel_isInTheCatalogue_withItsMethodPathAndSubresource() {
    Map<String, Operation> model = BotocoreModels.load("s3").operations();
    for (Operation operation : model.values()) {
      if (operation.deprecated() || SIGNED_ELSEWHERE.contains(operation.name())) {
        continue;
      }
      S3Operation expected =
          S3Operation.of(operation.name(), operation.method() + " " + operation.requestUri(), null);
      assertThat(catalogue).as(operation.name()).containsKey(operation.name());
      S3Operation listed = catalogue.get(operation.name());
      assertThat(listed.method()).as(operation.name()).isEqualTo(expected.method());
      assertThat(listed.target()).as(operation.name()).isEqualTo(expected.target());
      assertThat(listed.subresource()).as(operation.name()).isEqualTo(expected.subresource());
    }
  }

  @Test
  void theCatalogueNamesNoOperationS3DoesNotHave_butTheBrowserFormUpload() {
    Set<String> names = new TreeSet<>(catalogue.keySet());
    names.removeAll(BotocoreModels.load("s3").operations().keySet());
    assertThat(names).containsExactly("PostObject");
  }

  @Test
  void noTwoOperationsAreTheSameRequest() {
    assertThat(S3Operations.ALL.stream().map(S3Operation::requestLine).distinct().count())
        .isEqualTo(S3Operations.ALL.size());
  }
}
