package ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "A self-hosted, multi-account cloud that speaks the AWS wire protocols.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ExplainCommand.class,
      AccountsCommand.class,
      WarmupCommand.class
    })
public final class FerryCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FerryCommand()).execute(args));
  }
}
