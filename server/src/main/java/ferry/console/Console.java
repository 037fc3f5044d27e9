package ferry.console;

import ferry.console.accessmap.AccessMapPages;
import ferry.console.decisions.DecisionPages;
import ferry.console.iam.IamPages;
import ferry.console.kms.KmsPages;
import ferry.console.overview.OverviewPages;
import ferry.console.pipeline.PipelinePages;
import ferry.console.s3.S3Pages;
import ferry.console.web.ConsoleHandler;
import ferry.console.web.ConsoleSessions;
import ferry.console.web.Denials;
import ferry.console.web.Route;
import ferry.console.web.SignIn;
import java.util.List;
import java.util.stream.Stream;

/** The console's composition: each area's route table, and the handler that serves them. */
public final class Console {
  private Console() {}

  /**
   * @param sessions where signed-in sessions are kept: the database, so every node serves them
   */
  public static ConsoleHandler handler(ConsoleServices services, ConsoleSessions sessions) {
    var denials = new Denials(services.decisions());
    List<Route> pages =
        Stream.of(
                new OverviewPages(services, denials).routes(),
                new S3Pages(services.s3(), denials).routes(),
                new IamPages(services.iam(), denials).routes(),
                new KmsPages(services.kms(), denials).routes(),
                new PipelinePages(services, denials).routes(),
                new DecisionPages(services, denials).routes(),
                new AccessMapPages(services, denials).routes())
            .flatMap(List::stream)
            .toList();
    return new ConsoleHandler(
        pages,
        sessions,
        new SignIn(services.credentials(), services.clock()),
        services.sts(),
        denials,
        services.clock());
  }
}
