package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** A logged decision in plain words, as {@code ferry explain} prints it. */
public final class DecisionText {
  private DecisionText() {}

  public static void print(JsonNode decision, String indent, PrintStream out) {
    out.println(
        indent
            + decision.path("id").asText()
            + "  "
            + (decision.path("allowed").asBoolean() ? "ALLOWED" : "DENIED")
            + "  "
            + decision.path("time").asText());
    out.println(indent + "  " + decision.path("principal").asText());
    out.println(
        indent
            + "  "
            + decision.path("action").asText()
            + " on "
            + decision.path("resource").asText());
    out.println();
    for (String line : decision.path("explanation").asText().split("\n")) {
      out.println(indent + "  " + line);
    }
    out.println();
  }

  /** The line of the explanation that names the missing grant, or empty. */
  public static String missingGrant(JsonNode decision) {
    for (String line : decision.path("explanation").asText().split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("Missing:")) {
        return trimmed.substring("Missing:".length()).strip();
      }
    }
    return "";
  }
}
