package ferry.cli;

import ferry.app.ConfigException;
import ferry.app.PortInUseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code ferry} command. */
@Command(
    name = "ferry",
    // Subcommands inherit --help, -h and --version (-V) with the version below.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "A self-hosted, multi-account cloud that speaks the AWS wire protocols.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ExplainCommand.class,
      AccountsCommand.class,
      WarmupCommand.class,
      PolicyCommand.class
    })
public final class FerryCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The command line as {@link #main} runs it, for tests to run the same way. */
  static CommandLine commandLine() {
    return new CommandLine(new FerryCommand())
        .setExecutionExceptionHandler(FerryCommand::startFailure);
  }

  /**
   * A start the user can fix (a port in use, a bad configuration file) is one line saying what to
   * change, not a stack trace; anything else is a bug and keeps picocli's full report.
   */
  private static int startFailure(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    switch (e) {
      case PortInUseException portInUse ->
          command
              .getErr()
              .println("ferry: " + portInUse.getMessage() + "; choose another with --port");
      case ConfigException config -> command.getErr().println("ferry: " + config.getMessage());
      default -> throw e;
    }
    command.getErr().flush();
    return 1;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
