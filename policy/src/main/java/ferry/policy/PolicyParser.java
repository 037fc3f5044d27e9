package ferry.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import ferry.policy.condition.Condition;
import ferry.policy.condition.ConditionSyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates policy documents into compiled {@link Policy} values, and caches them by
 * their text, so a policy read on every request is compiled once.
 *
 * <p>Validation follows IAM's order of checks and words (as reproduced by moto's test-suite); every
 * defect found is reported, the first being the one AWS would name.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html">
 *     Policy grammar</a>
 */
public final class PolicyParser {
  static final String SYNTAX = "Syntax errors in policy.";
  static final String LEGACY = "The policy failed legacy parsing";
  static final String VERSION_REQUIRED = "Policy document must be version 2012-10-17 or greater.";
  static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
  static final String SID_CHARACTERS =
      "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular"
          + " expression [0-9A-Za-z]*";
  static final String NO_ACTIONS = "Policy statement must contain actions.";
  static final String NO_RESOURCES = "Policy statement must contain resources.";
  static final String NO_PRINCIPAL_ALLOWED = "Policy document should not specify a principal.";
  static final String PRINCIPAL_REQUIRED = "Missing required field Principal";
  static final String TRUST_ACTIONS = "AssumeRole policy may only specify STS AssumeRole actions.";

  /**
   * The actions a role trust policy may grant; an Action value must name or match one of them.
   *
   * @see <a
   *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html">Role
   *     trust policy</a>
   */
  private static final List<String> TRUST_POLICY_ACTIONS =
      List.of(
          "sts:assumerole",
          "sts:assumerolewithsaml",
          "sts:assumerolewithwebidentity",
          "sts:tagsession",
          "sts:setsourceidentity",
          "sts:setcontext");

  private static final int DEFAULT_CACHE_SIZE = 4_096;
  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private record Key(PolicyKind kind, String text) {}

  private final Map<Key, Policy> cache = new ConcurrentHashMap<>();
  private final int cacheSize;

  public PolicyParser() {
    this(DEFAULT_CACHE_SIZE);
  }

  /** A parser keeping at most {@code cacheSize} compiled policies. */
  public PolicyParser(int cacheSize) {
    this.cacheSize = cacheSize;
  }

  /**
   * Parses and validates a document as a policy of the given kind.
   *
   * @throws PolicyValidationException when the document is not a valid policy of that kind
   */
  public Policy parse(String document, PolicyKind kind) {
    Key key = new Key(kind, document);
    Policy cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Policy policy = new Reader(document, kind).read();
    if (cache.size() >= cacheSize) {
      // Clearing is crude but bounded; the policies in use are compiled again on their next use.
      cache.clear();
    }
    cache.put(key, policy);
    return policy;
  }

  /**
   * Parses a bucket policy and checks that every Resource and NotResource names the bucket or
   * objects in it, as S3 requires.
   *
   * @throws PolicyValidationException when the document is not a valid bucket policy for {@code
   *     bucket}; a foreign resource is reported as {@code Policy has invalid resource}
   */
  public Policy parseBucketPolicy(String document, String bucket) {
    Policy policy = parse(document, PolicyKind.BUCKET);
    String arn = "arn:aws:s3:::" + bucket;
    List<ValidationProblem> problems = new ArrayList<>();
    for (Statement s : policy.statements()) {
      ResourceElement resource = s.resource();
      if (resource == null) {
        continue;
      }
      for (String value : resource.values()) {
        if (!(value.equals(arn) || value.startsWith(arn + "/"))) {
          problems.add(
              new ValidationProblem(
                  "Policy has invalid resource",
                  s.index(),
                  s.sid(),
                  resource.not() ? "NotResource" : "Resource",
                  "\"" + value + "\" is neither the bucket " + arn + " nor an object in it",
                  false));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyValidationException(problems);
    }
    return policy;
  }

  /** The size of a document as AWS counts it: characters other than whitespace. */
  public static int size(String document) {
    int n = 0;
    for (int i = 0; i < document.length(); i++) {
      if (!Character.isWhitespace(document.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /** Reads one document, gathering its problems; ranks order them as IAM checks them. */
  private static final class Reader {
    private final String text;
    private final PolicyKind kind;
    private final List<Ranked> problems = new ArrayList<>();

    private record Ranked(int rank, ValidationProblem problem) {}

    Reader(String text, PolicyKind kind) {
      this.text = text;
      this.kind = kind;
    }

    private void problem(
        int rank,
        String message,
        @Nullable Integer statement,
        @Nullable String sid,
        String field,
        String detail) {
      problems.add(
          new Ranked(rank, new ValidationProblem(message, statement, sid, field, detail, false)));
    }

    private PolicyValidationException failure() {
      List<ValidationProblem> sorted =
          problems.stream()
              .sorted(Comparator.comparingInt(Ranked::rank))
              .map(Ranked::problem)
              .toList();
      return new PolicyValidationException(sorted);
    }

    Policy read() {
      int size = size(text);
      if (size > kind.maxSize()) {
        throw new PolicyValidationException(
            List.of(
                new ValidationProblem(
                    tooLargeMessage(),
                    null,
                    null,
                    "",
                    "the document has "
                        + size
                        + " characters besides whitespace; a "
                        + kind.description()
                        + " may have "
                        + kind.maxSize(),
                    true)));
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
          problem(
              1,
              SYNTAX,
              null,
              null,
              "",
              String.format(
                  "character U+%04X at offset %d is not allowed; a policy may hold only TAB, LF,"
                      + " CR and U+0020 to U+00FF",
                  (int) c, i));
          throw failure();
        }
      }
      JsonNode root;
      try {
        root = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        String why = e.getOriginalMessage();
        int cut = why.indexOf(" (for ");
        if (cut > 0) {
          why = why.substring(0, cut);
        }
        var where = e.getLocation();
        problem(
            1,
            SYNTAX,
            null,
            null,
            "",
            "the document is not valid JSON"
                + (where == null
                    ? ""
                    : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                + ": "
                + why);
        throw failure();
      }
      if (root == null || !root.isObject()) {
        problem(1, SYNTAX, null, null, "", "the document is not a JSON object");
        throw failure();
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!TOP_LEVEL.contains(name)) {
          problem(1, SYNTAX, null, null, name, "unknown element \"" + name + "\"");
        }
      }
      String version = null;
      JsonNode versionNode = root.get("Version");
      if (versionNode != null) {
        if (!versionNode.isTextual()
            || !(versionNode.asText().equals("2012-10-17")
                || versionNode.asText().equals("2008-10-17"))) {
          problem(
              1,
              SYNTAX,
              null,
              null,
              "Version",
              "Version is " + versionNode + "; it must be \"2012-10-17\" or \"2008-10-17\"");
        } else {
          version = versionNode.asText();
        }
      }
      if ((kind == PolicyKind.MANAGED || kind == PolicyKind.PERMISSIONS_BOUNDARY)
          && !"2012-10-17".equals(version)
          && (versionNode == null || version != null)) {
        problem(
            2,
            VERSION_REQUIRED,
            null,
            null,
            "Version",
            versionNode == null
                ? "a managed policy needs \"Version\": \"2012-10-17\""
                : "a managed policy needs Version 2012-10-17, not " + version);
      }
      String id = null;
      JsonNode idNode = root.get("Id");
      if (idNode != null) {
        if (!idNode.isTextual()) {
          problem(1, SYNTAX, null, null, "Id", "Id must be a string");
        } else {
          id = idNode.asText();
        }
      }
      boolean variables = "2012-10-17".equals(version);
      JsonNode statementNode = root.get("Statement");
      List<JsonNode> statementNodes = new ArrayList<>();
      if (statementNode == null) {
        problem(1, SYNTAX, null, null, "Statement", "the policy has no Statement");
      } else if (statementNode.isObject()) {
        statementNodes.add(statementNode);
      } else if (statementNode.isArray()) {
        statementNode.forEach(statementNodes::add);
        if (statementNodes.isEmpty()) {
          problem(1, SYNTAX, null, null, "Statement", "the Statement list is empty");
        }
      } else {
        problem(
            1, SYNTAX, null, null, "Statement", "Statement must be an object or a list of objects");
      }
      List<Statement> statements = new ArrayList<>();
      Set<String> sids = new HashSet<>();
      for (int i = 0; i < statementNodes.size(); i++) {
        Statement statement = statement(i, statementNodes.get(i), variables, sids);
        if (statement != null) {
          statements.add(statement);
        }
      }
      if (!problems.isEmpty()) {
        throw failure();
      }
      return new Policy(kind, text, version, id, statements, size);
    }

    private String tooLargeMessage() {
      return switch (kind) {
        case MANAGED, PERMISSIONS_BOUNDARY ->
            "Cannot exceed quota for PolicySize: " + kind.maxSize();
        case TRUST -> "Cannot exceed quota for ACLSizePerRole: " + kind.maxSize();
        case IDENTITY -> "Maximum policy size of " + kind.maxSize() + " bytes exceeded";
        case SESSION -> "Packed policy consumes more than 100% of the allotted size";
        case BUCKET -> "Policies must be less than 20 KB";
        case KEY -> "The key policy exceeds the maximum size of 32768 bytes";
      };
    }

    private @Nullable Statement statement(
        int index, JsonNode node, boolean variables, Set<String> sids) {
      if (!node.isObject()) {
        problem(1, SYNTAX, index, null, "", "a statement must be a JSON object");
        return null;
      }
      String sid = null;
      JsonNode sidNode = node.get("Sid");
      if (sidNode != null) {
        if (!sidNode.isTextual()) {
          problem(1, SYNTAX, index, null, "Sid", "Sid must be a string");
        } else {
          sid = sidNode.asText();
        }
      }
      int before = problems.size();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!STATEMENT_KEYS.contains(name)) {
          problem(1, SYNTAX, index, sid, name, "unknown element \"" + name + "\"");
        }
      }
      both(node, index, sid, "Action", "NotAction");
      both(node, index, sid, "Resource", "NotResource");
      both(node, index, sid, "Principal", "NotPrincipal");
      if (sid != null && !sid.isEmpty()) {
        if (!sids.add(sid)) {
          problem(4, DUPLICATE_SID, index, sid, "Sid", "Sid \"" + sid + "\" is used twice");
        }
        if (kind != PolicyKind.BUCKET && kind != PolicyKind.KEY && !alphanumeric(sid)) {
          problem(
              4,
              SID_CHARACTERS,
              index,
              sid,
              "Sid",
              "the Sid of a " + kind.description() + " may hold only letters and digits");
        }
      }
      Effect effect = effect(node, index, sid);
      PrincipalElement principal = null;
      boolean notPrincipal = node.has("NotPrincipal");
      JsonNode principalNode = notPrincipal ? node.get("NotPrincipal") : node.get("Principal");
      String principalField = notPrincipal ? "NotPrincipal" : "Principal";
      boolean identitySide = !kind.isResourceBased();
      if (principalNode != null && identitySide) {
        problem(
            9,
            NO_PRINCIPAL_ALLOWED,
            index,
            sid,
            principalField,
            "a " + kind.description() + " applies to its holder and names no principal");
      } else if (principalNode == null && !identitySide) {
        problem(
            10,
            PRINCIPAL_REQUIRED,
            index,
            sid,
            "Principal",
            "a " + kind.description() + " statement must say whom it applies to");
      } else if (principalNode != null) {
        if (notPrincipal && kind == PolicyKind.TRUST) {
          problem(
              1,
              SYNTAX,
              index,
              sid,
              "NotPrincipal",
              "NotPrincipal is not allowed in a role trust policy");
        } else if (notPrincipal && effect == Effect.ALLOW) {
          problem(
              1,
              SYNTAX,
              index,
              sid,
              "NotPrincipal",
              "NotPrincipal may be used only with \"Effect\": \"Deny\"");
        }
        principal = principal(principalNode, index, sid, principalField);
      }
      ActionElement action = action(node, index, sid);
      if (action != null && kind == PolicyKind.TRUST && !action.not()) {
        trustActions(action, index, sid);
      }
      ResourceElement resource = resource(node, index, sid, variables);
      List<Condition> conditions = conditions(node.get("Condition"), index, sid, variables);
      if (problems.size() != before || effect == null || action == null) {
        return null;
      }
      return new Statement(
          index, sid, effect, principal, notPrincipal, action, resource, conditions);
    }

    private static boolean alphanumeric(String sid) {
      for (int i = 0; i < sid.length(); i++) {
        char c = sid.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
          return false;
        }
      }
      return true;
    }

    private void both(JsonNode node, int index, @Nullable String sid, String a, String b) {
      if (node.has(a) && node.has(b)) {
        problem(
            1, SYNTAX, index, sid, a, "a statement has either " + a + " or " + b + ", not both");
      }
    }

    private @Nullable Effect effect(JsonNode node, int index, @Nullable String sid) {
      JsonNode e = node.get("Effect");
      if (e == null) {
        problem(1, SYNTAX, index, sid, "Effect", "the statement has no Effect");
        return null;
      }
      if (!e.isTextual()) {
        problem(1, SYNTAX, index, sid, "Effect", "Effect must be \"Allow\" or \"Deny\"");
        return null;
      }
      String word = e.asText();
      if (word.equals("Allow")) {
        return Effect.ALLOW;
      }
      if (word.equals("Deny")) {
        return Effect.DENY;
      }
      if (word.equalsIgnoreCase("Allow") || word.equalsIgnoreCase("Deny")) {
        problem(
            3,
            LEGACY,
            index,
            sid,
            "Effect",
            "Effect \"" + word + "\" must be spelled \"Allow\" or \"Deny\" exactly");
        return null;
      }
      problem(1, SYNTAX, index, sid, "Effect", "Effect \"" + word + "\" is neither Allow nor Deny");
      return null;
    }

    /** A string or a list of strings; null (with a problem) otherwise. */
    private @Nullable List<String> strings(
        @Nullable JsonNode node, int index, @Nullable String sid, String field) {
      if (node == null) {
        return null;
      }
      List<String> out = new ArrayList<>();
      if (node.isTextual()) {
        out.add(node.asText());
        return out;
      }
      if (node.isArray()) {
        for (JsonNode item : node) {
          if (!item.isTextual()) {
            problem(1, SYNTAX, index, sid, field, field + " values must be strings, not " + item);
            return null;
          }
          out.add(item.asText());
        }
        return out;
      }
      problem(1, SYNTAX, index, sid, field, field + " must be a string or a list of strings");
      return null;
    }

    private @Nullable PrincipalElement principal(
        JsonNode node, int index, @Nullable String sid, String field) {
      PrincipalElement.Builder b = PrincipalElement.builder();
      if (node.isTextual()) {
        if (!node.asText().equals("*")) {
          invalidPrincipal(index, sid, field, "", node.asText(), "only \"*\" may stand alone");
          return null;
        }
        return b.any().build();
      }
      if (!node.isObject() || node.isEmpty()) {
        problem(
            1,
            SYNTAX,
            index,
            sid,
            field,
            field + " must be \"*\" or an object with AWS, Service, Federated or CanonicalUser");
        return null;
      }
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String type = entry.getKey();
        List<String> values = strings(entry.getValue(), index, sid, field + "." + type);
        if (values == null) {
          continue;
        }
        if (values.isEmpty()) {
          invalidPrincipal(index, sid, field, type, "", "the list is empty");
        }
        for (String value : values) {
          switch (type) {
            case "AWS" -> {
              String why = b.aws(value);
              if (why != null) {
                invalidPrincipal(index, sid, field, type, value, why);
              }
            }
            case "Service" -> {
              if (value.isEmpty() || value.indexOf('*') >= 0) {
                invalidPrincipal(index, sid, field, type, value, "not a service principal");
              }
              b.service(value);
            }
            case "Federated" -> b.federated(value);
            case "CanonicalUser" -> {
              if (kind != PolicyKind.BUCKET) {
                invalidPrincipal(
                    index, sid, field, type, value, "CanonicalUser is for bucket policies only");
              }
              b.canonicalUser(value);
            }
            default ->
                problem(
                    1,
                    SYNTAX,
                    index,
                    sid,
                    field,
                    "unknown principal type \""
                        + type
                        + "\"; use AWS, Service, Federated or CanonicalUser");
          }
        }
      }
      return b.build();
    }

    private void invalidPrincipal(
        int index, @Nullable String sid, String field, String type, String value, String why) {
      String message =
          switch (kind) {
            case KEY -> "Policy contains a statement with one or more invalid principals.";
            case BUCKET -> "Invalid principal in policy";
            default -> "Invalid principal in policy: \"" + type + "\":\"" + value + "\"";
          };
      problem(
          11,
          message,
          index,
          sid,
          type.isEmpty() ? field : field + "." + type,
          "\"" + value + "\" is not a valid principal: " + why);
    }

    private @Nullable ActionElement action(JsonNode node, int index, @Nullable String sid) {
      boolean not = node.has("NotAction");
      String field = not ? "NotAction" : "Action";
      JsonNode a = node.get(field);
      if (a == null) {
        problem(5, NO_ACTIONS, index, sid, "Action", "the statement has no Action or NotAction");
        return null;
      }
      List<String> values = strings(a, index, sid, field);
      if (values == null) {
        return null;
      }
      if (values.isEmpty()) {
        problem(5, NO_ACTIONS, index, sid, field, field + " is an empty list");
        return null;
      }
      boolean ok = true;
      for (String value : values) {
        if (value.equals("*")) {
          continue;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
          problem(
              8,
              "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
              index,
              sid,
              field,
              "\"" + value + "\" has no service prefix such as s3:");
          ok = false;
        } else if (value.indexOf(':', colon + 1) >= 0) {
          problem(
              8,
              "Actions/Condition can contain only one colon.",
              index,
              sid,
              field,
              "\"" + value + "\" has more than one colon");
          ok = false;
        } else {
          String vendor = value.substring(0, colon);
          if (vendor.isEmpty()
              || !vendor.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
            problem(
                8,
                "Vendor " + vendor + " is not valid",
                index,
                sid,
                field,
                "\"" + vendor + "\" is not a service prefix");
            ok = false;
          }
        }
      }
      return ok ? new ActionElement(not, values) : null;
    }

    /**
     * Each Action value of a trust policy must name or match an STS action that assumes the role.
     */
    private void trustActions(ActionElement action, int index, @Nullable String sid) {
      for (String value : action.values()) {
        var single = new ActionElement(false, List.of(value));
        if (TRUST_POLICY_ACTIONS.stream().noneMatch(single::applies)) {
          problem(
              8,
              TRUST_ACTIONS,
              index,
              sid,
              "Action",
              "\""
                  + value
                  + "\" is not one of sts:AssumeRole, sts:AssumeRoleWithSAML,"
                  + " sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity,"
                  + " sts:SetContext");
        }
      }
    }

    private @Nullable ResourceElement resource(
        JsonNode node, int index, @Nullable String sid, boolean variables) {
      boolean not = node.has("NotResource");
      String field = not ? "NotResource" : "Resource";
      JsonNode r = node.get(field);
      if (r != null && kind == PolicyKind.TRUST) {
        // The role is the resource of its trust policy; IAM refuses a document that names one.
        problem(
            6,
            "Has prohibited field " + field + ".",
            index,
            sid,
            field,
            "a role trust policy applies to its role and names no " + field);
        return null;
      }
      if (r == null) {
        if (kind == PolicyKind.TRUST || kind == PolicyKind.KEY) {
          return null;
        }
        problem(
            6,
            NO_RESOURCES,
            index,
            sid,
            "Resource",
            "the statement has no Resource or NotResource");
        return null;
      }
      List<String> values = strings(r, index, sid, field);
      if (values == null) {
        return null;
      }
      if (values.isEmpty()) {
        problem(6, NO_RESOURCES, index, sid, field, field + " is an empty list");
        return null;
      }
      boolean ok = true;
      for (String value : values) {
        ok &= resourceValue(value, index, sid, field);
      }
      return ok ? new ResourceElement(not, values, variables, kind) : null;
    }

    private boolean resourceValue(String value, int index, @Nullable String sid, String field) {
      if (value.equals("*")) {
        return true;
      }
      if (!value.startsWith("arn:")) {
        problem(
            7,
            "Resource " + value + " must be in ARN format or \"*\".",
            index,
            sid,
            field,
            "\"" + value + "\" is neither an ARN nor \"*\"");
        return false;
      }
      String[] parts = value.split(":", 6);
      if (parts.length < 6 && value.indexOf('*') < 0) {
        problem(
            3,
            LEGACY,
            index,
            sid,
            field,
            "\"" + value + "\" has fewer than the six parts of an ARN");
        return false;
      }
      for (int i = 1; i < Math.min(parts.length, 5); i++) {
        if (parts[i].contains("${")) {
          problem(
              3,
              LEGACY,
              index,
              sid,
              field,
              "\"" + value + "\" has a policy variable outside the resource part of the ARN");
          return false;
        }
      }
      String partition = parts.length > 1 ? parts[1] : "";
      if (!partition.isEmpty()
          && !partition.contains("*")
          && !Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b").contains(partition)) {
        problem(
            7,
            "Partition \"" + partition + "\" is not valid for resource \"" + value + "\".",
            index,
            sid,
            field,
            "\"" + partition + "\" is not an AWS partition");
        return false;
      }
      if (parts.length == 6
          && parts[2].equals("s3")
          && !parts[3].isEmpty()
          && !parts[3].equals("*")) {
        problem(
            7,
            "Resource " + value + " can not contain region information.",
            index,
            sid,
            field,
            "an S3 bucket or object ARN has no region");
        return false;
      }
      if (parts.length == 6
          && parts[2].equals("iam")
          && !parts[3].isEmpty()
          && !parts[3].equals("*")) {
        problem(
            7,
            "IAM resource " + value + " cannot contain region information.",
            index,
            sid,
            field,
            "an IAM ARN has no region");
        return false;
      }
      return true;
    }

    private List<Condition> conditions(
        @Nullable JsonNode node, int index, @Nullable String sid, boolean variables) {
      List<Condition> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      if (!node.isObject()) {
        problem(1, SYNTAX, index, sid, "Condition", "Condition must be an object");
        return out;
      }
      for (Map.Entry<String, JsonNode> op : node.properties()) {
        String operator = op.getKey();
        String field = "Condition." + operator;
        JsonNode body = op.getValue();
        if (!body.isObject()) {
          problem(1, SYNTAX, index, sid, field, "the operator's body must be an object");
          continue;
        }
        if (body.isEmpty()) {
          // IAM accepts an empty operator body, even for an operator it does not know.
          continue;
        }
        for (Map.Entry<String, JsonNode> k : body.properties()) {
          List<String> values = conditionValues(k.getValue(), index, sid, field + "." + k.getKey());
          if (values == null) {
            continue;
          }
          try {
            out.add(Condition.compile(operator, k.getKey(), values, variables));
          } catch (ConditionSyntaxException e) {
            problem(
                e.legacyParsing() ? 3 : 1,
                e.legacyParsing() ? LEGACY : SYNTAX,
                index,
                sid,
                field,
                e.getMessage());
          }
        }
      }
      return out;
    }

    /** Condition values may be strings, numbers or booleans, alone or in a list. */
    private @Nullable List<String> conditionValues(
        JsonNode node, int index, @Nullable String sid, String field) {
      List<String> out = new ArrayList<>();
      if (node.isValueNode() && !node.isNull()) {
        out.add(node.asText());
        return out;
      }
      if (node.isArray()) {
        for (JsonNode item : node) {
          if (!item.isValueNode() || item.isNull()) {
            problem(1, SYNTAX, index, sid, field, "condition values must be strings, not " + item);
            return null;
          }
          out.add(item.asText());
        }
        return out;
      }
      problem(1, SYNTAX, index, sid, field, "a condition value must be a string or a list");
      return null;
    }
  }
}
