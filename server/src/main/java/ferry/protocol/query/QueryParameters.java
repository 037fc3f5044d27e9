package ferry.protocol.query;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.protocol.PercentDecoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The parameters of a query-protocol request, with its list and map encodings. */
public final class QueryParameters {
  private final Map<String, String> values;

  public QueryParameters(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Parses {@code a=1&b=2} form encoding; a later repeat of a name wins. */
  public static QueryParameters parse(String form) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!form.isEmpty()) {
      for (String pair : form.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values.put(decode(name), decode(value));
      }
    }
    return new QueryParameters(values);
  }

  private static String decode(String text) {
    try {
      return PercentDecoding.form(text);
    } catch (PercentDecoding.Malformed e) {
      // AWS's common error for a query string it cannot read, with the status AWS documents.
      throw new AwsException(
          ErrorCode.sender("MalformedQueryString", 404),
          "The query string contains a syntax error: " + e.getMessage() + ".");
    }
  }

  public @Nullable String optional(String name) {
    return values.get(name);
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new AwsException(
          ErrorCode.sender("MissingParameter", 400),
          "The request must contain the parameter " + name);
    }
    return value;
  }

  public @Nullable Integer optionalInt(String name) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new AwsException(
          ErrorCode.sender("ValidationError", 400),
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + Character.toLowerCase(name.charAt(0))
              + name.substring(1)
              + "' failed to satisfy constraint: Member must be a number");
    }
  }

  public boolean optionalBoolean(String name, boolean fallback) {
    String value = values.get(name);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }

  /** A list sent as {@code Name.member.1}, {@code Name.member.2} …; empty when absent. */
  public List<String> list(String name) {
    List<String> items = new ArrayList<>();
    for (int i = 1; values.containsKey(name + ".member." + i); i++) {
      items.add(values.get(name + ".member." + i));
    }
    return items;
  }

  /**
   * A list of structures sent as {@code Name.member.N.Field}; each item maps field names to values.
   */
  public List<Map<String, String>> structures(String name) {
    List<Map<String, String>> items = new ArrayList<>();
    for (int i = 1; ; i++) {
      String prefix = name + ".member." + i + ".";
      Map<String, String> item = new LinkedHashMap<>();
      values.forEach((key, value) -> {
        if (key.startsWith(prefix)) {
          item.put(key.substring(prefix.length()), value);
        }
      });
      if (item.isEmpty()) {
        return items;
      }
      items.add(item);
    }
  }

  /** Whether the request carries the member, as a value, a list or a structure. */
  public boolean has(String name) {
    return values.keySet().stream().anyMatch(key -> key.equals(name) || key.startsWith(name + "."));
  }

  public Map<String, String> asMap() {
    return values;
  }
}
