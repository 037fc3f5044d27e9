package ferry.console.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A browser stand-in for the console's tests: keeps the session cookie, reads form tokens. */
public final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  private @Nullable String cookie;

  public ConsoleClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  public @Nullable String cookie() {
    return cookie;
  }

  public void cookie(@Nullable String value) {
    this.cookie = value;
  }

  /** Signs in; the response is the sign-in's own (303 on success). */
  public HttpResponse<String> signIn(String accessKeyId, String secret) throws Exception {
    return signIn(accessKeyId, secret, null);
  }

  public HttpResponse<String> signIn(
      String accessKeyId, String secret, @Nullable String sessionToken) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("accessKeyId", accessKeyId);
    form.put("secretAccessKey", secret);
    if (sessionToken != null) {
      form.put("sessionToken", sessionToken);
    }
    return post("/signin", form);
  }

  public HttpResponse<String> get(String consolePath) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(consolePath)).GET());
  }

  /** Posts a form as it is, without adding the session's token. */
  public HttpResponse<String> post(String consolePath, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri(consolePath))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts a form with the token read from the overview page, as a console page would. */
  public HttpResponse<String> postWithToken(String consolePath, Map<String, String> form)
      throws IOException, InterruptedException {
    var withToken = new LinkedHashMap<>(form);
    withToken.put("csrf", token());
    return post(consolePath, withToken);
  }

  public String token() throws IOException, InterruptedException {
    Matcher matcher = CSRF.matcher(get("/switch-role").body());
    if (!matcher.find()) {
      throw new IllegalStateException("no form token on the page");
    }
    return matcher.group(1);
  }

  public HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    if (cookie != null) {
      request.header("Cookie", ConsoleHandler.COOKIE + "=" + cookie);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (String set : response.headers().allValues("Set-Cookie")) {
      if (set.startsWith(ConsoleHandler.COOKIE + "=")) {
        String value = set.substring(ConsoleHandler.COOKIE.length() + 1).split(";", 2)[0];
        cookie = value.isEmpty() ? null : value;
      }
    }
    return response;
  }

  public URI uri(String consolePath) {
    return endpoint.resolve(ConsoleHandler.PREFIX + consolePath);
  }
}
