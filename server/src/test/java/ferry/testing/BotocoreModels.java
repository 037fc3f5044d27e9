package ferry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * AWS's API models as botocore ships them: Debian's awscli package (required: the tests read the
 * models there, never a copy in this repository) and, where python3 has a newer botocore, that one
 * too, so operations added since Debian's release are covered as well.
 */
public final class BotocoreModels {
  public static final Path DEBIAN_DATA =
      Path.of("/usr/lib/python3/dist-packages/awscli/botocore/data");

  /** The services Ferry speaks, by botocore's folder name and API version, S3 first. */
  public static final SequencedMap<String, String> SERVICES = services();

  private static SequencedMap<String, String> services() {
    SequencedMap<String, String> services = new LinkedHashMap<>();
    services.put("s3", "2006-03-01");
    services.put("iam", "2010-05-08");
    services.put("sts", "2011-06-15");
    services.put("kms", "2014-11-01");
    services.put("events", "2015-10-07");
    services.put("codepipeline", "2015-07-09");
    services.put("cloudtrail", "2013-11-01");
    services.put("accessanalyzer", "2019-11-01");
    services.put("cloudformation", "2010-05-15");
    services.put("ssm", "2014-11-06");
    return Collections.unmodifiableSequencedMap(services);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private BotocoreModels() {}

  /** One service's model: every operation of every botocore found, the newest winning. */
  public record Model(String service, JsonNode metadata, Map<String, Operation> operations) {
    public String protocol() {
      return metadata.path("protocol").asText();
    }

    public String apiVersion() {
      return metadata.path("apiVersion").asText();
    }

    public String targetPrefix() {
      return metadata.path("targetPrefix").asText();
    }

    public String signingName() {
      String name = metadata.path("signingName").asText();
      return name.isEmpty() ? metadata.path("endpointPrefix").asText() : name;
    }
  }

  /** One operation: its HTTP binding and its input's members. */
  public record Operation(
      String name, String method, String requestUri, boolean deprecated, List<Member> members) {}

  /**
   * A member of an operation's input: where it goes (uri, querystring, header, or the body), its
   * wire name, its type, and whether it is required; {@code payload} marks S3's body member.
   */
  public record Member(
      String name,
      String location,
      String locationName,
      String type,
      boolean required,
      boolean payload,
      JsonNode shape) {}

  public static Model load(String service) {
    List<Path> dataDirs = dataDirs();
    Map<String, Operation> operations = new LinkedHashMap<>();
    JsonNode metadata = null;
    for (Path dir : dataDirs) {
      JsonNode model = read(dir.resolve(service).resolve(SERVICES.get(service)));
      if (model == null) {
        continue;
      }
      metadata = model.path("metadata");
      JsonNode shapes = model.path("shapes");
      model
          .path("operations")
          .properties()
          .forEach(entry -> operations.put(entry.getKey(), operation(entry.getValue(), shapes)));
    }
    if (metadata == null) {
      throw new IllegalStateException("No botocore model for " + service + " in " + dataDirs);
    }
    return new Model(service, metadata, operations);
  }

  /** Debian's first, then a newer botocore of python3's if there is one. */
  static List<Path> dataDirs() {
    if (!Files.isDirectory(DEBIAN_DATA)) {
      throw new IllegalStateException(
          "The API models of Debian's awscli are missing ("
              + DEBIAN_DATA
              + "): install the aws CLI v2 with `apt-get install awscli`");
    }
    List<Path> dirs = new ArrayList<>(List.of(DEBIAN_DATA));
    Path python = pythonBotocoreData();
    if (python != null && !python.equals(DEBIAN_DATA)) {
      dirs.add(python);
    }
    return dirs;
  }

  private static @Nullable Path pythonBotocoreData() {
    try {
      Process process =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__),"
                      + " 'data'))")
              .redirectErrorStream(true)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      Path dir = Path.of(out.trim());
      return Files.isDirectory(dir) ? dir : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static @Nullable JsonNode read(Path versionDir) {
    Path plain = versionDir.resolve("service-2.json");
    Path gzipped = versionDir.resolve("service-2.json.gz");
    try {
      if (Files.exists(plain)) {
        return JSON.readTree(plain.toFile());
      }
      if (Files.exists(gzipped)) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
          return JSON.readTree(in);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Operation operation(JsonNode operation, JsonNode shapes) {
    JsonNode http = operation.path("http");
    List<Member> members = new ArrayList<>();
    String inputShape = operation.path("input").path("shape").asText();
    if (!inputShape.isEmpty()) {
      JsonNode input = shapes.path(inputShape);
      List<String> required = new ArrayList<>();
      input.path("required").forEach(name -> required.add(name.asText()));
      String payload = input.path("payload").asText();
      input
          .path("members")
          .properties()
          .forEach(entry -> {
            JsonNode ref = entry.getValue();
            JsonNode shape = shapes.path(ref.path("shape").asText());
            members.add(
                new Member(
                    entry.getKey(),
                    ref.path("location").asText(),
                    ref.path("locationName").asText(entry.getKey()),
                    shape.path("type").asText(),
                    required.contains(entry.getKey()),
                    entry.getKey().equals(payload),
                    shape));
          });
    }
    return new Operation(
        operation.path("name").asText(),
        http.path("method").asText(),
        http.path("requestUri").asText(),
        operation.path("deprecated").asBoolean(false),
        members);
  }
}
