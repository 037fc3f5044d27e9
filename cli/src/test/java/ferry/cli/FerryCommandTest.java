package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class FerryCommandTest {

  /** What one run of the command line printed and how it ended. */
  record Run(int exitCode, String out, String err) {}

  static Run run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command =
        FerryCommand.commandLine(arguments)
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err));
    int exitCode = command.execute(arguments);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static Stream<String> subcommands() {
    return FerryCommand.commandLine().getSubcommands().keySet().stream();
  }

  @ParameterizedTest(name = "ferry {0} --help")
  @MethodSource("subcommands")
  void everySubcommand_printsItsUsageForHelp_andExitsZero(String subcommand) {
    for (String help : new String[] {"--help", "-h"}) {
      Run run = run(subcommand, help);

      assertThat(run.exitCode()).as(help).isZero();
      assertThat(run.out()).as(help).startsWith("Usage: ferry " + subcommand);
      assertThat(run.err()).as(help).isEmpty();
    }
  }

  @ParameterizedTest(name = "ferry {0} --version")
  @MethodSource("subcommands")
  void everySubcommand_printsFerrysVersion(String subcommand) {
    Run run = run(subcommand, "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("ferry 0.1.0");
  }

  @ParameterizedTest(name = "ferry {0}")
  @MethodSource("subcommands")
  void aNamedSubcommand_isTheOnlyOneBuilt(String subcommand) {
    assertThat(FerryCommand.commandLine(subcommand, "--help").getSubcommands())
        .containsOnlyKeys(subcommand);
  }

  @Test
  void withoutASubcommand_theUsageListsThemAll() {
    Run run = run();

    assertThat(run.out()).contains("serve", "demo", "explain", "accounts");
  }

  @Test
  void subcommands_includeEveryDocumentedCommand() {
    assertThat(subcommands()).contains("serve", "demo", "explain", "accounts");
  }

  @Test
  void accountsWithConfig_pointsTheProfilesAtTheFilesPort_unlessEndpointIsGiven(@TempDir Path dir)
      throws Exception {
    Path config = Files.writeString(dir.resolve("ferry.properties"), "port=5566\n");
    String data = dir.resolve("data").toString();

    Run fromFile = run("accounts", "--config", config.toString(), "--data", data);
    Run fromFlag =
        run(
            "accounts",
            "--config",
            config.toString(),
            "--data",
            data,
            "--endpoint",
            "http://127.0.0.1:7000");

    assertThat(fromFile.exitCode()).isZero();
    assertThat(fromFile.out())
        .contains("[profile dev]")
        .contains("endpoint_url = http://127.0.0.1:5566")
        .doesNotContain("4566");
    assertThat(fromFlag.out()).contains("endpoint_url = http://127.0.0.1:7000");
  }

  @Test
  void serveOnAPortInUse_printsOneLine_andExitsOne(@TempDir Path dir) throws Exception {
    try (Ferry first = Ferry.start(FerryConfig.defaults(dir.resolve("first")).withPort(0))) {
      int port = first.endpoint().getPort();

      Run second =
          run(
              "serve",
              "--port",
              Integer.toString(port),
              "--data",
              dir.resolve("second").toString());

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.err())
          .isEqualTo(
              "ferry: port "
                  + port
                  + " on 127.0.0.1 is already in use; choose another with --port"
                  + System.lineSeparator());
      assertThat(second.out()).isEmpty();
    }
  }

  @Test
  void serveWithAConfigFileItCannotUse_printsOneLine_andExitsOne(@TempDir Path dir)
      throws Exception {
    Path config = Files.writeString(dir.resolve("ferry.properties"), "tlsPort=4567\n");

    Run run = run("serve", "--config", config.toString(), "--data", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "ferry: "
                + config
                + ": tlsPort is no longer used: Ferry serves HTTP and HTTPS on the same port;"
                + " remove it"
                + System.lineSeparator());
  }

  @Test
  void serveWithADatabaseItCannotReach_printsOneLine_andExitsOne(@TempDir Path dir)
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("ferry.properties"),
            "jdbcUrl=jdbc:postgresql://127.0.0.1:1/ferry\njdbcUser=ferry\n");

    Run run = run("serve", "--config", config.toString(), "--data", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("ferry: Cannot open the database jdbc:postgresql://127.0.0.1:1/ferry: ")
        .contains("Connection refused")
        .doesNotContain("\tat ");
  }

  /** The banner names the CA file, so serve reads the key at start: a broken one stops it. */
  @Test
  void serveWithABrokenTlsKey_stops_andFreesThePort(@TempDir Path dir) throws Exception {
    Path tls = Files.createDirectories(dir.resolve("tls"));
    ferry.app.TlsMaterial.ensure(dir);
    Files.writeString(tls.resolve("server.pem"), "not a key");
    int port;
    try (var probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }

    Run run = run("serve", "--port", Integer.toString(port), "--data", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Cannot read Ferry's TLS key " + tls.resolve("server.pem"));
    try (var again = new java.net.ServerSocket(port)) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void serveWithAFileForItsDataFolder_printsOneLine_andExitsOne(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "not a folder");
    String line =
        "ferry: the data folder "
            + file
            + " is a file, not a folder; choose another folder with --data"
            + System.lineSeparator();

    Run run = run("serve", "--port", "0", "--data", file.toString(), "--test-clock");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(line);

    // The same line without picocli, as plain arguments are read.
    PrintStream stderr = System.err;
    var err = new ByteArrayOutputStream();
    int exitCode;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exitCode =
          FerryCommand.serve(
              ServeArguments.parse("serve", "--port", "0", "--data", file.toString())
                  .orElseThrow());
    } finally {
      System.setErr(stderr);
    }
    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(line);
  }
}
