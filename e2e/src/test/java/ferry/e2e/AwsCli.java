package ferry.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The real aws CLI v2 (Debian's awscli at /usr/bin/aws, not the pip v1 that comes first on PATH),
 * run as a user runs it, with one account's credentials and Ferry's endpoint. A class that uses it
 * says so with {@code @ExtendWith(AwsCliInstalled.class)}. Each command is a process of its own,
 * forked from one that has imported the CLI ({@link AwsCliForks}).
 */
final class AwsCli {
  static final Path BINARY = Path.of("/usr/bin/aws");

  /** What one run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("aws failed (" + exitCode + "):\n" + stderr + stdout);
      }
      return this;
    }
  }

  private final Supplier<URI> endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final Map<String, String> extraEnvironment = new HashMap<>();

  AwsCli(URI endpoint, String accessKeyId, String secretAccessKey) {
    this(() -> endpoint, accessKeyId, secretAccessKey);
  }

  private AwsCli(Supplier<URI> endpoint, String accessKeyId, String secretAccessKey) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  static AwsCli as(FerryServer ferry, String account) {
    FerryServer.Account root = ferry.account(account);
    return new AwsCli(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }

  AwsCli withEnvironment(String name, String value) {
    AwsCli copy = new AwsCli(endpoint, accessKeyId, secretAccessKey);
    copy.extraEnvironment.putAll(extraEnvironment);
    copy.extraEnvironment.put(name, value);
    return copy;
  }

  /**
   * A CLI whose every run goes to the next of {@code endpoints} in turn, as a round-robin load
   * balancer in front of several Ferry nodes would send it.
   */
  static AwsCli roundRobin(List<URI> endpoints, String accessKeyId, String secretAccessKey) {
    return roundRobin(endpoints, new AtomicInteger(), accessKeyId, secretAccessKey);
  }

  /**
   * As {@link #roundRobin(List, String, String)}, the turn kept in {@code next}: CLIs of several
   * accounts sharing it send each call, whoever makes it, to the next node.
   */
  static AwsCli roundRobin(
      List<URI> endpoints, AtomicInteger next, String accessKeyId, String secretAccessKey) {
    return new AwsCli(
        () -> endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size())),
        accessKeyId,
        secretAccessKey);
  }

  AwsCli withEndpoint(URI other) {
    AwsCli copy = new AwsCli(other, accessKeyId, secretAccessKey);
    copy.extraEnvironment.putAll(extraEnvironment);
    return copy;
  }

  Result run(String... arguments) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(AwsCliInstalled.missing(BINARY));
    }
    List<String> command =
        new ArrayList<>(List.of("--endpoint-url", endpoint.get().toString(), "--output", "json"));
    command.addAll(List.of(arguments));
    Duration timeout = Duration.ofMinutes(10);
    if (AwsCliForks.enabled()) {
      return AwsCliForks.run(
          command,
          ClientProcess.environment(accessKeyId, secretAccessKey, extraEnvironment),
          timeout);
    }
    command.addFirst(BINARY.toString());
    return ClientProcess.run(command, accessKeyId, secretAccessKey, extraEnvironment, timeout);
  }
}
