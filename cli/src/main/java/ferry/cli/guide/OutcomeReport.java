package ferry.cli.guide;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.cli.DecisionText;
import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

/** The short report after the guide: what ran and how long, what was deployed, who owns it. */
public final class OutcomeReport {
  private OutcomeReport() {}

  /**
   * Prints the outcome; true when it is what was asked for (success, or the broken grant failing).
   */
  public static boolean print(GuideOutcome outcome, @Nullable Grant broken, PrintStream out) {
    out.println();
    return switch (outcome) {
      case GuideOutcome.Deployed deployed -> deployed(deployed, broken, out);
      case GuideOutcome.Failed failed -> failed(failed, broken, out);
    };
  }

  private static boolean deployed(
      GuideOutcome.Deployed run, @Nullable Grant broken, PrintStream out) {
    out.printf(
        "Report: execution %s (%s) Succeeded; actions ran %.2f s%n",
        run.executionId(), run.trigger(), run.executionTime().toMillis() / 1000.0);
    for (GuideOutcome.ActionTiming action : run.actions()) {
      out.printf(
          "  %-8s %-8s %-10s %6.2f s  %s%n",
          action.stage(),
          action.action(),
          action.status(),
          action.duration().toMillis() / 1000.0,
          action.summary());
    }
    out.println("Deployed objects in s3://" + GuideNames.OUTPUT_BUCKET + ":");
    for (GuideOutcome.DeployedObject object : run.objects()) {
      out.printf(
          "  %-20s %7d bytes  owner %s (%s)%n",
          object.key(), object.size(), object.ownerAccount(), object.ownerName());
    }
    boolean prodOwnsAll =
        !run.objects().isEmpty()
            && run.objects().stream().allMatch(o -> o.ownerName().equals("prod"));
    out.println(
        prodOwnsAll
            ? "The prod account owns every deployed object."
            : "NOT as the guide says: some deployed objects are not owned by prod.");
    out.println(run.proof());
    if (broken != null) {
      out.println(
          "NOT as expected: the guide succeeded without "
              + broken.cliName()
              + "; AWS fails at "
              + broken.failurePoint().words());
      return false;
    }
    out.println("Success: the guide deployed dev's site into prod, owned by prod.");
    return prodOwnsAll && run.devDenied();
  }

  private static boolean failed(
      GuideOutcome.Failed failed, @Nullable Grant broken, PrintStream out) {
    out.println(
        "FAILED at step "
            + failed.step()
            + (failed.code().isEmpty() ? "" : ": " + failed.code())
            + (failed.message().isEmpty() ? "" : "\n  " + failed.message()));
    JsonNode decision = failed.decision();
    if (decision != null) {
      out.println();
      out.println("ferry explain " + decision.path("id").asText() + ":");
      DecisionText.print(decision, "  ", out);
    }
    if (broken == null) {
      out.println("The guide did not complete.");
      return false;
    }
    out.println(
        "As expected without "
            + broken.cliName()
            + " ("
            + broken.description()
            + "): AWS fails at "
            + broken.failurePoint().words()
            + ".");
    return true;
  }
}
