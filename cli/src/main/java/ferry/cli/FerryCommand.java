package ferry.cli;

import ferry.app.ConfigException;
import ferry.app.DataFolderException;
import ferry.app.PortInUseException;
import ferry.store.StoreException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code ferry} command. */
@Command(
    name = "ferry",
    // Subcommands inherit --help, -h and --version (-V) with the version below.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "A self-hosted, multi-account cloud that speaks the AWS wire protocols.")
public final class FerryCommand implements Runnable {
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ServeCommand.class,
          DemoCommand.class,
          ExplainCommand.class,
          AccountsCommand.class,
          WarmupCommand.class,
          WorkloadCommand.class,
          PolicyCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with every subcommand, as {@link #main} runs it without arguments. */
  static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * The command line for these arguments: when they name a subcommand, only that one is built.
   * picocli builds each subcommand it is given by reflection, and its classes (compiled for Java 5)
   * stay out of the JDK's AOT cache: building all of them cost {@code ferry serve} about 60 ms of
   * CPU. Anything else (no subcommand, --help, a typo) gets all of them, for the usage and
   * suggestions.
   */
  static CommandLine commandLine(String... args) {
    for (Class<?> subcommand : SUBCOMMANDS) {
      if (args.length > 0 && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
        return commandLine(List.of(subcommand));
      }
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<Class<?>> subcommands) {
    var line = new CommandLine(new FerryCommand());
    subcommands.forEach(line::addSubcommand);
    return line.setExecutionExceptionHandler(FerryCommand::startFailure);
  }

  /**
   * A start the user can fix (a port in use, a bad configuration file, a database it cannot open, a
   * data folder on a full or read-only disk) is one line saying what to change, not a stack trace;
   * anything else is a bug and keeps picocli's full report.
   */
  private static int startFailure(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    String line = failureLine(e);
    if (line == null) {
      throw e;
    }
    command.getErr().println(line);
    command.getErr().flush();
    return 1;
  }

  /** The one line that tells the user how to fix a failed start, or null for a bug. */
  static @Nullable String failureLine(Exception e) {
    return switch (e) {
      case PortInUseException portInUse ->
          "ferry: " + portInUse.getMessage() + "; choose another with --port";
      case ConfigException config -> "ferry: " + config.getMessage();
      case DataFolderException folder ->
          "ferry: " + folder.getMessage() + "; choose another folder with --data";
      case StoreException store -> "ferry: " + store.getMessage();
      default -> null;
    };
  }

  /**
   * Runs {@code ferry serve} straight away when its arguments are plain, without building picocli's
   * model (see {@link ServeArguments}); anything else goes through picocli.
   */
  static int serve(ServeArguments arguments) {
    try {
      return arguments.command().call();
    } catch (Exception e) {
      String line = failureLine(e);
      if (line == null) {
        e.printStackTrace();
      } else {
        System.err.println(line);
      }
      return 1;
    }
  }

  public static void main(String[] args) {
    EnglishLocaleData.use();
    Optional<ServeArguments> serve = ServeArguments.parse(args);
    System.exit(serve.isPresent() ? serve(serve.get()) : commandLine(args).execute(args));
  }
}
