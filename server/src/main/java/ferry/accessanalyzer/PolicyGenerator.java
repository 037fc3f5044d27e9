package ferry.accessanalyzer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The identity policy that allows exactly what a principal was allowed to do: one statement per
 * service and set of resources, holding the actions used on exactly those resources, sorted.
 * Resource ARNs are kept as used, except names a service generated: an object key CodePipeline
 * chose for an artifact ({@code <pipeline>/<artifact>/<7 random letters and digits>}, used by a
 * call CodePipeline made) becomes {@code arn:aws:s3:::<bucket>/<pipeline>/*}, since the next run
 * uses another key.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html">IAM
 *     Access Analyzer policy generation</a>
 */
public final class PolicyGenerator {
  /** One allowed access: the IAM action, the resource, and the service that made the call. */
  public record Use(String action, String resource, @Nullable String invokedBy) {}

  static final String CODEPIPELINE = "codepipeline.amazonaws.com";
  private static final Pattern ARTIFACT_KEY =
      Pattern.compile("arn:aws:s3:::([^/]+)/([^/]{1,20})/[^/]{1,10}/[A-Za-z0-9]{7}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> SERVICE_NAMES =
      Map.of(
          "s3", "S3",
          "iam", "Iam",
          "kms", "Kms",
          "sts", "Sts",
          "events", "Events",
          "codepipeline", "CodePipeline",
          "cloudtrail", "CloudTrail");

  private PolicyGenerator() {}

  /** The policy for these uses; null when there are none, as AWS then generates no policy. */
  public static @Nullable ObjectNode generate(List<Use> uses) {
    if (uses.isEmpty()) {
      return null;
    }
    // service -> action -> resources
    Map<String, Map<String, SortedSet<String>>> byService = new TreeMap<>();
    for (Use use : uses) {
      String service = use.action().substring(0, use.action().indexOf(':'));
      byService
          .computeIfAbsent(service, s -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
          .computeIfAbsent(use.action(), a -> new TreeSet<>())
          .add(resourcePattern(use));
    }
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    for (var service : byService.entrySet()) {
      // Actions used on the same resources share a statement, in the order of their first action.
      Map<SortedSet<String>, List<String>> byResources = new LinkedHashMap<>();
      service
          .getValue()
          .forEach((action, resources) ->
              byResources.computeIfAbsent(resources, r -> new ArrayList<>()).add(action));
      List<Map.Entry<SortedSet<String>, List<String>>> groups =
          new ArrayList<>(byResources.entrySet());
      groups.sort(Comparator.comparing(g -> g.getValue().getFirst().toLowerCase(Locale.ROOT)));
      int n = 0;
      for (var group : groups) {
        n++;
        ObjectNode statement = statements.addObject();
        String name = SERVICE_NAMES.getOrDefault(service.getKey(), capitalized(service.getKey()));
        statement.put("Sid", name + "Access" + (groups.size() > 1 ? Integer.toString(n) : ""));
        statement.put("Effect", "Allow");
        ArrayNode actions = statement.putArray("Action");
        group.getValue().forEach(actions::add);
        ArrayNode resources = statement.putArray("Resource");
        group.getKey().forEach(resources::add);
      }
    }
    return policy;
  }

  /**
   * The resource as a policy names it: as used, or with a generated name replaced by a wildcard.
   */
  static String resourcePattern(Use use) {
    if (CODEPIPELINE.equals(use.invokedBy())) {
      var artifact = ARTIFACT_KEY.matcher(use.resource());
      if (artifact.matches()) {
        return "arn:aws:s3:::" + artifact.group(1) + "/" + artifact.group(2) + "/*";
      }
    }
    return use.resource();
  }

  private static String capitalized(String service) {
    String word = service.replaceAll("[^A-Za-z0-9]", "");
    return word.isEmpty() ? "Service" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
