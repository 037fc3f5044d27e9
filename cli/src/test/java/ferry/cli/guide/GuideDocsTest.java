package ferry.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/guide.md and examples/guide/ agree: what the doc names exists, what exists is named. */
class GuideDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path GUIDE = ROOT.resolve("examples/guide");
  private static final Pattern REFERENCE = Pattern.compile("examples/guide/([\\w./-]+\\.json)");

  private static String doc() throws IOException {
    return Files.readString(ROOT.resolve("docs/guide.md"));
  }

  private static Set<String> referenced() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = REFERENCE.matcher(doc());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static List<Path> jsonFiles() throws IOException {
    try (Stream<Path> files = Files.walk(GUIDE)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyDocumentTheGuideReferences_exists() throws IOException {
    assertThat(referenced()).isNotEmpty();
    for (String name : referenced()) {
      assertThat(GUIDE.resolve(name)).as("docs/guide.md names " + name).isRegularFile();
    }
  }

  @Test
  void everyDocumentUnderExamplesGuide_isValidJson_andUsedByTheDoc() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> referenced = referenced();
    for (Path file : jsonFiles()) {
      String name = GUIDE.relativize(file).toString().replace('\\', '/');
      assertThat(json.readTree(file.toFile())).as(name).isNotNull();
      assertThat(referenced).as("docs/guide.md uses " + name).contains(name);
    }
  }

  @Test
  void everyDocumentTheDemoReads_isPackagedFromExamplesGuide() throws IOException {
    String scenario =
        Files.readString(ROOT.resolve("cli/src/main/java/ferry/cli/guide/GuideScenario.java"));
    Matcher m = Pattern.compile("\"((?:dev|prod)/[\\w.-]+\\.json)\"").matcher(scenario);
    int count = 0;
    while (m.find()) {
      count++;
      assertThat(GUIDE.resolve(m.group(1))).isRegularFile();
      assertThat(GuideDocuments.raw(m.group(1))).isNotBlank();
    }
    assertThat(count).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theDocAndTheReadme_nameEverySevenGrants() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (Grant grant : Grant.values()) {
      assertThat(doc()).contains("`" + grant.cliName() + "`");
      assertThat(readme).contains("`" + grant.cliName() + "`");
    }
  }
}
