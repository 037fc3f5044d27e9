package ferry.console.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the layout around every page needs: who is signed in (if anyone), the navigation with the
 * current section, and the token the page's forms carry.
 *
 * @param switchedFrom the ARN of the principal a switched role can switch back to, if any
 */
public record Frame(
    boolean signedIn,
    String accountId,
    String principalArn,
    String csrfToken,
    String section,
    @Nullable String switchedFrom) {

  /** A navigation entry: its label, its console path and the section it opens. */
  public record NavItem(String label, String path, String section) {}

  /** The sections of the console, in the order of the navigation. */
  public static final List<NavItem> NAV =
      List.of(
          new NavItem("Overview", "/", "overview"),
          new NavItem("Pipelines", "/pipelines", "pipelines"),
          new NavItem("S3", "/s3", "s3"),
          new NavItem("IAM", "/iam", "iam"),
          new NavItem("KMS", "/kms", "kms"),
          new NavItem("Decisions", "/decisions", "decisions"),
          new NavItem("Access map", "/access-map", "access-map"));

  static Frame signedOut() {
    return new Frame(false, "", "", "", "", null);
  }

  public List<NavItem> nav() {
    return NAV;
  }

  /** The URL of a console path, such as {@code /s3/buckets/NAME}. */
  public String href(String consolePath) {
    return ConsoleHandler.PREFIX + consolePath;
  }

  public String asset(String name) {
    return ConsoleHandler.PREFIX + "/assets/" + name;
  }

  public boolean current(NavItem item) {
    return item.section().equals(section);
  }
}
