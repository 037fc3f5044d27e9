package ferry.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process, for what only another process shows (file locks belong to a process): the {@code
 * main} of a test class run in a JVM of its own, on this JVM's class path, its error output joined
 * to its output.
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
