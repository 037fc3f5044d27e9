package ferry.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code /usr/bin/aws} for {@link AwsCli} as one child process per command, forked from a
 * Python process that has imported the CLI's modules once ({@code aws_cli_forks.py}). Each child
 * runs the script itself with the command's arguments, environment and output files. A fresh {@code
 * aws} spent about 0.5 s of its 0.85 s of CPU on those imports, and the end-to-end tests run it
 * thousands of times on CI's two cores.
 *
 * <p>awscli reads {@code AWS_DATA_PATH} once, on import, so each value of it has its own forking
 * processes. Each serves one command at a time; concurrent commands start more of them. They end
 * with the test JVM, when their stdin closes. {@code -Dferry.e2e.awsCli=exec} starts {@code aws}
 * afresh for every command instead.
 */
final class AwsCliForks {
  static final String MODE_PROPERTY = "ferry.e2e.awsCli";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Queue<Forker>> IDLE = new ConcurrentHashMap<>();
  private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

  private AwsCliForks() {}

  /** Whether commands run forked (the default) rather than as a fresh {@code aws} each. */
  static boolean enabled() {
    return !"exec".equals(System.getProperty(MODE_PROPERTY));
  }

  /**
   * Runs {@code aws arguments} with {@code environment} (a client process's whole environment) for
   * {@code timeout} at most.
   */
  static AwsCli.Result run(
      List<String> arguments, Map<String, String> environment, Duration timeout)
      throws IOException, InterruptedException {
    String dataPath = environment.getOrDefault("AWS_DATA_PATH", "");
    Queue<Forker> idle = IDLE.computeIfAbsent(dataPath, any -> new ConcurrentLinkedQueue<>());
    Forker forker = idle.poll();
    if (forker == null) {
      forker = Forker.start(dataPath);
    }
    Forker running = forker;
    try {
      return ClientProcess.capture(
          (out, err) -> running.run(arguments, environment, out, err, timeout));
    } finally {
      if (!running.broken) {
        idle.add(running);
      }
    }
  }

  /** One Python process that forks a child per command, one command at a time. */
  private static final class Forker {
    private final Process process;
    private final Writer requests;
    private final BufferedReader replies;
    private boolean broken;

    private Forker(Process process) {
      this.process = process;
      this.requests = process.outputWriter(StandardCharsets.UTF_8);
      this.replies = process.inputReader(StandardCharsets.UTF_8);
    }

    static Forker start(String dataPath) throws IOException {
      List<String> command = new ArrayList<>(interpreter());
      command.addAll(List.of("-c", script(), AwsCli.BINARY.toString()));
      var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      if (!dataPath.isEmpty()) {
        builder.environment().put("AWS_DATA_PATH", dataPath);
      }
      return new Forker(builder.start());
    }

    int run(
        List<String> arguments,
        Map<String, String> environment,
        Path stdout,
        Path stderr,
        Duration timeout)
        throws IOException, InterruptedException {
      broken = true; // until this command's exchange is complete
      Map<String, Object> request = new HashMap<>();
      request.put("args", arguments);
      request.put("env", environment);
      request.put("stdout", stdout.toString());
      request.put("stderr", stderr.toString());
      try {
        requests.write(JSON.writeValueAsString(request) + "\n");
        requests.flush();
        long child = Long.parseLong(reply("started "));
        Future<String> exited = READERS.submit(() -> reply("exited "));
        try {
          int status = Integer.parseInt(exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
          broken = false;
          return exitValue(status);
        } catch (TimeoutException e) {
          ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
          // The forking process reports the killed child's end, and is then ready again.
          exited.get(10, TimeUnit.SECONDS);
          broken = false;
          List<String> command = new ArrayList<>(List.of(AwsCli.BINARY.toString()));
          command.addAll(arguments);
          throw ClientProcess.timedOut(command, timeout, child);
        }
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("The aws CLI's forking process did not report its child's end", e);
      } finally {
        if (broken) {
          process.destroyForcibly();
        }
      }
    }

    /** The next line the forking process writes, which must start with {@code prefix}. */
    private String reply(String prefix) throws IOException {
      String line = replies.readLine();
      if (line == null || !line.startsWith(prefix)) {
        throw new IOException(
            "The aws CLI's forking process ended or answered "
                + line
                + " (its errors are in the test's output)");
      }
      return line.substring(prefix.length());
    }

    /** As Java reports a process's end: a child killed by signal N ends with 128 + N. */
    private static int exitValue(int status) {
      return status < 0 ? 128 - status : status;
    }
  }

  /** The interpreter named on the first line of {@code /usr/bin/aws}, with its options. */
  private static List<String> interpreter() throws IOException {
    String first;
    try (var lines = Files.lines(AwsCli.BINARY, StandardCharsets.UTF_8)) {
      first = lines.findFirst().orElse("");
    }
    if (!first.startsWith("#!")) {
      throw new IOException(AwsCli.BINARY + " is not a script: " + first);
    }
    return List.of(first.substring(2).trim().split("\\s+"));
  }

  private static String script() {
    try (InputStream in = AwsCliForks.class.getResourceAsStream("aws_cli_forks.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
