package ferry.cli.guide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The guide's JSON documents, read from the same files {@code docs/guide.md} uses ({@code
 * examples/guide/}, packaged into the jar under {@code guide/}), with Ferry's accounts and the key
 * id filled in.
 */
public final class GuideDocuments {
  /** The account ids the files are written with: Ferry's default dev and prod accounts. */
  static final String FILE_DEV = "111111111111";

  static final String FILE_PROD = "222222222222";
  static final String KEY_ID_PLACEHOLDER = "DEV_KEY_ID";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GuideNames names;
  private final Map<String, String> replaced;

  public GuideDocuments(GuideNames names) {
    this(names, Map.of());
  }

  /**
   * The guide's documents with some replaced, by path, e.g. by generated least-privilege policies;
   * a replacement is filled in like the file it replaces.
   */
  public GuideDocuments(GuideNames names, Map<String, String> replaced) {
    this.names = names;
    this.replaced = Map.copyOf(replaced);
  }

  /**
   * A document by its path under examples/guide/, e.g. {@code prod/outputbucketdeployaccess.json}.
   */
  public String read(String path) {
    String text = replaced.get(path);
    return fillIn(text != null ? text : raw(path));
  }

  /** A document that names the dev key, with its id filled in. */
  public String readWithKey(String path, String keyId) {
    return read(path).replace(KEY_ID_PLACEHOLDER, keyId);
  }

  /** The raw text of a packaged document, as the file has it. */
  public static String raw(String path) {
    try (InputStream in = GuideDocuments.class.getResourceAsStream("/guide/" + path)) {
      if (in == null) {
        throw new IllegalStateException("The jar has no guide document " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String fillIn(String text) {
    return text.replace(FILE_DEV, names.dev().value()).replace(FILE_PROD, names.prod().value());
  }

  /**
   * The policy with {@code principal} taken out of every statement's AWS principals; statements
   * left without a principal are dropped.
   */
  public static String withoutPrincipal(String policy, String principal) {
    ObjectNode root = parse(policy);
    ArrayNode statements = statements(root);
    for (Iterator<JsonNode> it = statements.elements(); it.hasNext(); ) {
      JsonNode aws = it.next().path("Principal").path("AWS");
      if (aws.isTextual() && aws.asText().equals(principal)) {
        it.remove();
      } else if (aws instanceof ArrayNode list) {
        for (Iterator<JsonNode> p = list.elements(); p.hasNext(); ) {
          if (p.next().asText().equals(principal)) {
            p.remove();
          }
        }
        if (list.isEmpty()) {
          it.remove();
        }
      }
    }
    return write(root);
  }

  /** The trust policy with every statement trusting {@code principal} only. */
  public static String trustingOnly(String policy, String principal) {
    ObjectNode root = parse(policy);
    for (JsonNode statement : statements(root)) {
      ((ObjectNode) statement).putObject("Principal").putArray("AWS").add(principal);
    }
    return write(root);
  }

  private static ArrayNode statements(ObjectNode root) {
    JsonNode statements = root.path("Statement");
    if (statements instanceof ArrayNode array) {
      return array;
    }
    ArrayNode array = root.putArray("Statement");
    array.add(statements);
    return array;
  }

  private static ObjectNode parse(String policy) {
    try {
      return (ObjectNode) JSON.readTree(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A guide document is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
