package ferry.console.web;

import ferry.aws.Caller;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request to a console route: its path parameters, query and form fields, uploaded files, and
 * for a signed-in session the {@link Caller} every service call of the page is made as.
 */
public record ConsoleRequest(
    String method,
    String path,
    Map<String, String> pathParameters,
    Map<String, List<String>> query,
    Map<String, List<String>> form,
    List<FilePart> files,
    @Nullable ConsoleSession session,
    @Nullable Caller signedInCaller,
    Frame frame) {

  /** A file sent in a multipart/form-data form. */
  public record FilePart(String field, String filename, String contentType, byte[] content) {}

  public ConsoleRequest {
    pathParameters = Map.copyOf(pathParameters);
    query = Map.copyOf(query);
    form = Map.copyOf(form);
    files = List.copyOf(files);
  }

  /** A {@code {name}} segment of the route's path. */
  public String parameter(String name) {
    return Objects.requireNonNull(pathParameters.get(name), name);
  }

  /** The first value of a query parameter, or null. */
  public @Nullable String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a form field, or null. */
  public @Nullable String form(String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public @Nullable FilePart file(String field) {
    return files.stream().filter(f -> f.field().equals(field)).findFirst().orElse(null);
  }

  /** The signed-in principal as a caller; only routes that are not public have one. */
  public Caller caller() {
    return Objects.requireNonNull(signedInCaller, "a public route has no caller");
  }
}
