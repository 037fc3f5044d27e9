package ferry.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code ferry serve}'s options read without picocli, for the start-up's sake: picocli's classes
 * are compiled for Java 5, stay out of the JDK's AOT cache, and building its command model cost a
 * start about 150 ms of CPU. Only plain, valid arguments are read here; anything else (help,
 * --version, a typo, a repeated option, an argument file) is left to picocli, so that its usage,
 * errors and suggestions stay the only ones.
 */
record ServeArguments(
    @Nullable Integer port, boolean testClock, @Nullable Path data, @Nullable Path config) {

  private static final Pattern PORT = Pattern.compile("[0-9]{1,9}");

  /** The options of {@code serve ARGS…}, or empty when picocli must read them. */
  static Optional<ServeArguments> parse(String... args) {
    if (args.length == 0 || !args[0].equals("serve")) {
      return Optional.empty();
    }
    Integer port = null;
    boolean testClock = false;
    Path data = null;
    Path config = null;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int equals = name.indexOf('=');
      if (name.startsWith("--") && equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (!seen.add(name)) {
        return Optional.empty();
      }
      if (name.equals("--test-clock")) {
        if (value != null) {
          return Optional.empty();
        }
        testClock = true;
        continue;
      }
      if (value == null) {
        if (i + 1 == args.length) {
          return Optional.empty();
        }
        value = args[++i];
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return Optional.empty();
      }
      switch (name) {
        case "--port" -> {
          if (!PORT.matcher(value).matches()) {
            return Optional.empty();
          }
          port = Integer.valueOf(value);
        }
        case "--data" -> data = Path.of(value);
        case "--config" -> config = Path.of(value);
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new ServeArguments(port, testClock, data, config));
  }

  /** The command these options configure, as picocli would have set it up. */
  ServeCommand command() {
    var serve = new ServeCommand();
    serve.port = port;
    serve.testClock = testClock;
    serve.options.data = data;
    serve.options.config = config;
    return serve;
  }
}
