package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code ferry serve}'s own argument reader agrees with picocli, or leaves the arguments to it. */
class ServeArgumentsTest {

  private static String[] words(String line) {
    return line.isEmpty() ? new String[0] : line.split(" ");
  }

  /** What picocli makes of {@code serve ARGS}, in the reader's terms. */
  private static ServeArguments picocli(String... args) {
    var serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return new ServeArguments(
        serve.port, serve.testClock, serve.options.data, serve.options.config);
  }

  @ParameterizedTest(name = "serve {0}")
  @ValueSource(
      strings = {
        "",
        "--port 0",
        "--port 4566",
        "--port=7000",
        "--test-clock",
        "--data /tmp/ferry-data",
        "--data=relative/folder",
        "--config ferry.properties --data d --port 5566 --test-clock",
        "--test-clock --config=/etc/ferry.properties",
        "--port 007",
      })
  void plainArguments_readAsPicocliReadsThem(String line) {
    String[] args = words(line);
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "serve";
    System.arraycopy(args, 0, withCommand, 1, args.length);

    assertThat(ServeArguments.parse(withCommand)).contains(picocli(args));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "",
        "demo",
        "serve --help",
        "serve -h",
        "serve --version",
        "serve -V",
        "serve --port",
        "serve --port abc",
        "serve --port -1",
        "serve --port 99999999999",
        "serve --port 1 --port 2",
        "serve --data",
        "serve --data=",
        "serve --data --port",
        "serve --test-clock=true",
        "serve --test-clock --test-clock",
        "serve --prot 1",
        "serve --dat x",
        "serve extra",
        "serve @arguments.txt",
        "serve -- --port 1",
        "--port 1 serve",
      })
  void anythingElse_isLeftToPicocli(String line) {
    assertThat(ServeArguments.parse(words(line))).as(Arrays.toString(words(line))).isEmpty();
  }
}
